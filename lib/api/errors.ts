import { AppError, type ErrorCode, type FieldError } from '../errors';

export { AppError, type ErrorCode, type FieldError, fieldErrors, validationError } from '../errors';

/** Every error code and the HTTP status the API answers it with. Anything that is not an AppError is a 500. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  malformed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  rate_limited: 429,
  internal: 500,
  upstream_error: 502,
  unavailable: 503,
  upstream_timeout: 504,
};

const TITLES: Record<ErrorCode, string> = {
  malformed: 'Bad request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  invalid: 'Validation failed',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  upstream_error: 'Bad gateway',
  unavailable: 'Service unavailable',
  upstream_timeout: 'Gateway timeout',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

const INPUT_ROOTS = /^(body|query|params|headers)(\.|$)/;

/**
 * RFC 9457 problem details for an error; unknown errors never leak their message or stack. Core code names
 * fields relative to the operation's input; `inputRoot` (`body` for routes that take one) puts them where the
 * client sent them (`body.config.url`).
 */
export function toProblem(
  error: unknown,
  requestId?: string,
  inputRoot?: string,
): { problem: ProblemDetails; headers: Record<string, string> } {
  const appError =
    error instanceof AppError
      ? error
      : new AppError('internal', 'An unexpected error occurred; see the server log.');
  const rooted = (path: string) => (inputRoot && !INPUT_ROOTS.test(path) ? `${inputRoot}.${path}` : path);
  const errors = appError.errors.map((e) => ({ ...e, path: rooted(e.path) }));
  return {
    problem: {
      type: `https://switchboard.dev/problems/${appError.code.replaceAll('_', '-')}`,
      title: TITLES[appError.code],
      status: ERROR_STATUS[appError.code],
      detail: appError.message,
      ...(requestId ? { request_id: requestId } : {}),
      ...(errors.length ? { errors } : {}),
    },
    headers: appError.headers,
  };
}

export function problemResponse(error: unknown, requestId?: string, inputRoot?: string): Response {
  const { problem, headers } = toProblem(error, requestId, inputRoot);
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      ...(requestId ? { 'x-request-id': requestId } : {}),
      ...headers,
    },
  });
}
