import { parseRetryAfter } from '../../retry-after';
import { DeliveryError } from '../../types';

/** The SDK's ResponseError (`code` is the HTTP status) or an axios error (`code` is ECONNREFUSED, ERR_CANCELED…). */
interface SendgridError extends Error {
  code?: number | string;
  response?: { headers?: Record<string, unknown>; body?: unknown };
  cause?: unknown;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/**
 * HTTP answers decide: 408, 429 and 5xx are retried (after Retry-After, or SendGrid's X-RateLimit-Reset); a
 * refused key (401/403) and any other 4xx (a malformed mail, an unverified sender) fail for good, with SendGrid's
 * own reason. No answer at all (refused, reset, timed out) is retryable.
 */
export function classifySendgridError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  if (error instanceof DeliveryError) {
    error.details.request ??= request;
    return error;
  }
  const failure = error as SendgridError;
  // The SSRF guard refuses inside the socket lookup; axios wraps that refusal.
  if (failure.cause instanceof DeliveryError) {
    failure.cause.details.request ??= request;
    return failure.cause;
  }
  if (typeof failure.code !== 'number') {
    if (typeof failure.code === 'string' && TIMEOUT_CODES.has(failure.code)) {
      return new DeliveryError(`SendGrid did not answer within ${timeoutMs} ms`, 'retryable', { request });
    }
    return new DeliveryError(
      `could not reach SendGrid at ${String(request.base_url)}: ${failure.code ? `${failure.code} ` : ''}(${failure.message})`,
      'retryable',
      { request },
    );
  }
  const status = failure.code;
  const headers = failure.response?.headers ?? {};
  const reason = reasonOf(failure.response?.body) ?? (failure.message || `HTTP ${status}`);
  const details = { responseCode: status, request, response: { status, errors: reason } };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = retryAfter(headers);
    return new DeliveryError(`SendGrid is unavailable (HTTP ${status}): ${reason}`, 'retryable', {
      ...details,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (status === 401 || status === 403) {
    return new DeliveryError(
      `SendGrid refused the API key (HTTP ${status}): ${reason}`,
      'permanent',
      details,
    );
  }
  return new DeliveryError(`SendGrid rejected the mail (HTTP ${status}): ${reason}`, 'permanent', details);
}

/** SendGrid's error body: `{"errors":[{"message":"…","field":"…","help":…}]}`. */
export function reasonOf(body: unknown): string | undefined {
  const errors = (body as { errors?: { message?: unknown; field?: unknown }[] } | undefined)?.errors;
  if (!Array.isArray(errors) || !errors.length) return undefined;
  return errors
    .map((entry) => {
      const message = typeof entry.message === 'string' ? entry.message : 'error';
      return typeof entry.field === 'string' && entry.field ? `${message} (${entry.field})` : message;
    })
    .join('; ');
}

function retryAfter(headers: Record<string, unknown>): number | undefined {
  const fromHeader = parseRetryAfter(headers['retry-after'] as string | undefined);
  if (fromHeader !== undefined) return fromHeader;
  // SendGrid's rate limiter documents X-RateLimit-Reset: the Unix time at which the limit resets.
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
}
