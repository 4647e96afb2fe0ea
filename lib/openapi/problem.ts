import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode, type ProblemDetails } from '../api/errors';

/** RFC 9457 problem details, as `problemResponse()` in lib/api/errors.ts writes them. */
export const problemSchema = z.object({
  type: z.string().describe('URI naming the problem type, e.g. https://switchboard.dev/problems/not-found'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().describe('What went wrong, in words'),
  instance: z.string().optional(),
  request_id: z
    .string()
    .optional()
    .describe('Echoes the x-request-id header; quote it when reporting a problem'),
  errors: z
    .array(z.object({ path: z.string().describe('e.g. body.steps.2.channel_id'), message: z.string() }))
    .optional(),
});

// Compile-time guard: the documented shape and the one errors.ts produces cannot drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const problemShapeMatches: Same<z.infer<typeof problemSchema>, ProblemDetails> = true;
void problemShapeMatches;

/** The error statuses the document describes, with when each happens. */
export const PROBLEM_STATUSES = {
  400: 'Malformed JSON, an empty body or an invalid cursor',
  401: 'No valid session or API key',
  403: 'Authenticated, but without the access this operation requires',
  404: 'No such resource',
  409: 'Conflicts with the current state, e.g. a duplicate key',
  413: 'The request body is larger than the limit',
  415: 'The request body is not application/json',
  422: 'Validation failed; `errors` lists every failing field by path',
} as const;
export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/** Component name for a status: the error code lib/api/errors.ts answers with (`unprocessable_entity`). */
export function problemComponentName(status: ProblemStatus): ErrorCode {
  const entry = Object.entries(ERROR_STATUS).find(([, value]) => value === status);
  return entry![0] as ErrorCode;
}
