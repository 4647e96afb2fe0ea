import { parseRetryAfter } from '../../../outbound/retry-after';
import { alreadyClassified, classifyHttpFailure, classifyNetworkFailure } from '../../classify-failure';
import { DeliveryError } from '../../types';

/** The SDK's ResponseError (`code` is the HTTP status) or an axios error (`code` is ECONNREFUSED, ERR_CANCELED…). */
interface SendgridError extends Error {
  code?: number | string;
  response?: { headers?: Record<string, unknown>; body?: unknown };
}

/**
 * HTTP answers decide, by the shared rule (classify-failure.ts): 408, 429 and 5xx are retried (after
 * Retry-After, or SendGrid's X-RateLimit-Reset); a refused key (401/403) and any other 4xx (a malformed mail, an
 * unverified sender) fail for good, with SendGrid's own reason. No answer at all (refused, reset, timed out) is
 * retryable. The SSRF guard refuses inside the socket lookup, and axios wraps that refusal: it passes through.
 */
export function classifySendgridError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  const failure = error as SendgridError;
  if (typeof failure.code !== 'number') {
    const endpoint = String(request.base_url);
    return (
      classifyNetworkFailure(error, { provider: 'SendGrid', timeoutMs, endpoint, request }) ??
      new DeliveryError(
        `could not reach SendGrid at ${endpoint}: ${failure.code ? `${failure.code} ` : ''}(${failure.message})`,
        'retryable',
        { request },
      )
    );
  }
  const status = failure.code;
  const reason = reasonOf(failure.response?.body) ?? (failure.message || `HTTP ${status}`);
  return classifyHttpFailure({
    provider: 'SendGrid',
    status,
    reason,
    retryAfter: retryAfter(failure.response?.headers ?? {}),
    words: { credentials: 'refused the API key', refused: 'rejected the mail' },
    request,
    response: { status, errors: reason },
  });
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
