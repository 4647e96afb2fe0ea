import { parseRetryAfter } from '../../retry-after';
import { DeliveryError } from '../../types';
import type { GuardedTwilioHttpClient } from './http-client';

/** What the SDK's RestException (legacy body) and TwilioServiceException (RFC 9457 body) carry. */
interface TwilioApiError extends Error {
  status?: number;
  code?: number;
  moreInfo?: string;
  title?: string;
  detail?: string;
}

/**
 * Twilio answers errors as `{code, message, more_info, status}`: 429 (code 20429) and 5xx are retried, honouring
 * Retry-After; 401/403 (20003 "Authenticate") and every other 4xx — an invalid number (21211), an unverified
 * sender (21608), a blocked recipient (21610) — fail for good. Transport failures arrive already classified
 * by the guarded HTTP client.
 */
export function classifyTwilioError(
  error: unknown,
  http: GuardedTwilioHttpClient,
  request: Record<string, unknown>,
): DeliveryError {
  if (error instanceof DeliveryError) {
    error.details.request ??= request;
    return error;
  }
  const { status, code, moreInfo, title, detail } = error as TwilioApiError;
  const reason = detail ?? (error as Error).message ?? title ?? String(error);
  if (typeof status !== 'number') {
    // Not an API answer: the SDK choked on something (e.g. a 2xx that is not JSON).
    return new DeliveryError(`Twilio call failed: ${reason}`, 'retryable', { request });
  }
  const response = {
    status,
    ...(code !== undefined ? { code } : {}),
    message: reason,
    ...(moreInfo ? { more_info: moreInfo } : {}),
  };
  const details = { responseCode: status, request, response };
  const what = `HTTP ${status}${code !== undefined ? `, code ${code}` : ''}`;
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(http.lastResponse?.headers['retry-after']);
    return new DeliveryError(`Twilio is unavailable (${what}): ${reason}`, 'retryable', {
      ...details,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (status === 401 || status === 403) {
    return new DeliveryError(`Twilio refused the credentials (${what}): ${reason}`, 'permanent', details);
  }
  return new DeliveryError(`Twilio refused the request (${what}): ${reason}`, 'permanent', details);
}
