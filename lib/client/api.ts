/**
 * Browser-side JSON client for the Switchboard API. Imports nothing from the server: the console runs it
 * in the browser with the session cookie.
 */

export interface FieldError {
  path: string;
  message: string;
}

/**
 * A list endpoint's page: `{data, next_cursor, prev_cursor}`; `next_cursor` (the next page's `cursor`) is null on
 * the last page, `prev_cursor` (the previous page's `before`) on the first.
 */
export interface ListPage<T> {
  data: T[];
  next_cursor: string | null;
  prev_cursor: string | null;
}

/** An RFC 9457 problem answer (or a non-JSON failure) as an error the console can show. */
export class ProblemError extends Error {
  override name = 'ProblemError';

  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly title?: string,
  ) {
    super(detail);
  }

  /** Field messages keyed by field name, with the `body.` root dropped (`body.password` → `password`). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { path, message } of this.errors) {
      const field = path.replace(/^body\.?/, '') || 'body';
      byField[field] ??= message;
    }
    return byField;
  }
}

export interface ApiFetchInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON; a FormData is sent as multipart/form-data (file uploads). */
  body?: unknown;
  /** Non-2xx statuses whose body is data rather than a problem (the health check answers 503 with a report). */
  acceptStatus?: readonly number[];
}

export async function apiFetch<T>(path: string, init: ApiFetchInit = {}): Promise<T> {
  const { body, acceptStatus = [], headers: given, ...rest } = init;
  const headers = new Headers(given);
  headers.set('accept', 'application/json, application/problem+json');
  const multipart = body instanceof FormData;
  // The browser sets multipart/form-data with its boundary itself.
  if (body !== undefined && !multipart) headers.set('content-type', 'application/json');
  const response = await fetch(path, {
    ...rest,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
  });
  const data = await readJson(response);
  if (!response.ok && !acceptStatus.includes(response.status)) throw toProblemError(response, data);
  return data as T;
}

/** The message to show for any error a query or mutation can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ProblemError) return error.detail;
  if (error instanceof TypeError) return 'Could not reach the server. Check your connection and try again.';
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toProblemError(response: Response, data: unknown): ProblemError {
  const problem = (data ?? {}) as { detail?: unknown; title?: unknown; errors?: unknown };
  const fallback = `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : fallback;
  const errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
  const title = typeof problem.title === 'string' ? problem.title : undefined;
  return new ProblemError(response.status, detail, errors, title);
}
