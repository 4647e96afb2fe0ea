import { findUnstorable } from '../db/unstorable';
import { AppError } from '../errors';
import { jsonNestingExceeds, MAX_JSON_DEPTH } from './json-depth';
import { undecodablePathError } from './undecodable-path';

type RouteParams = Record<string, string | string[]>;

/**
 * The route's path params as Next.js decoded them. A segment that is not percent-encoded UTF-8
 * (`/workflows/%ED%A0%80`) makes the decoding throw (a URIError, or Next.js's DecodeError) when the params are
 * awaited: that is the client's malformed URL, a 400, not a failure of ours.
 */
export async function readParams(route?: { params: Promise<RouteParams> }): Promise<RouteParams> {
  try {
    return (await route?.params) ?? {};
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    throw undecodablePathError();
  }
}

function isDecodeError(error: unknown): boolean {
  return (
    error instanceof URIError ||
    (error instanceof Error && (error.name === 'DecodeError' || /failed to decode/i.test(error.message)))
  );
}

/**
 * Refuses a string PostgreSQL cannot store (U+0000, an unpaired UTF-16 surrogate) anywhere in a request's
 * params, query or JSON body with a 422 naming the field, before any statement sees it.
 */
export function refuseUnstorable(value: unknown, root: 'params' | 'query' | 'body'): void {
  const bad = findUnstorable(value, root);
  if (bad) throw new AppError('invalid', `${bad.path}: ${bad.message}`, [bad]);
}

/** Refuses a request body nested deeper than MAX_JSON_DEPTH levels (400), before it is parsed. */
export function refuseDeepJson(text: string): void {
  if (!jsonNestingExceeds(text)) return;
  throw new AppError('malformed', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, [
    { path: 'body', message: `nested deeper than ${MAX_JSON_DEPTH} levels` },
  ]);
}
