import type { z } from 'zod';

/** Every error the API can answer with, and its HTTP status. Anything else becomes a generic 500. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  rate_limited: 429,
  internal_error: 500,
  bad_gateway: 502,
  unavailable: 503,
  gateway_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable_entity: 'Validation failed',
  rate_limited: 'Too many requests',
  internal_error: 'Internal server error',
  bad_gateway: 'Bad gateway',
  unavailable: 'Service unavailable',
  gateway_timeout: 'Gateway timeout',
};

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  get title(): string {
    return TITLES[this.code];
  }
}

/** Turns a zod error into field errors whose paths name the input (`body.config.url`, `query.limit`). */
export function fieldErrors(error: z.ZodError, root?: string): FieldError[] {
  return error.issues.map((issue) => {
    const parts = [...(root ? [root] : []), ...issue.path.map(String)];
    const path = parts.join('.') || '(root)';
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field(s): ${issue.keys.join(', ')}`;
    return { path, message };
  });
}

export function validationError(error: z.ZodError, root?: string): ApiError {
  const errors = fieldErrors(error, root);
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  return new ApiError('unprocessable_entity', detail, errors);
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

/** RFC 9457 problem details for an error; unknown errors never leak their message or stack. */
export function toProblem(
  error: unknown,
  requestId?: string,
): { problem: ProblemDetails; headers: Record<string, string> } {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError('internal_error', 'An unexpected error occurred; see the server log.');
  return {
    problem: {
      type: `https://switchboard.dev/problems/${apiError.code.replaceAll('_', '-')}`,
      title: apiError.title,
      status: apiError.status,
      detail: apiError.message,
      ...(requestId ? { request_id: requestId } : {}),
      ...(apiError.errors.length ? { errors: apiError.errors } : {}),
    },
    headers: apiError.headers,
  };
}

export function problemResponse(error: unknown, requestId?: string): Response {
  const { problem, headers } = toProblem(error, requestId);
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      ...(requestId ? { 'x-request-id': requestId } : {}),
      ...headers,
    },
  });
}
