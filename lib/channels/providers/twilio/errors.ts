import { alreadyClassified, classifyHttpFailure } from '../../classify-failure';
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
 * Twilio answers errors as `{code, message, more_info, status}`, classified by the shared rule
 * (classify-failure.ts): 429 (code 20429) and 5xx are retried, honouring Retry-After; 401/403 (20003
 * "Authenticate") and every other 4xx — an invalid number (21211), an unverified sender (21608), a blocked
 * recipient (21610) — fail for good. Transport failures arrive already classified by the guarded HTTP client.
 */
export function classifyTwilioError(
  error: unknown,
  http: GuardedTwilioHttpClient,
  request: Record<string, unknown>,
): DeliveryError {
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  const { status, code, moreInfo, title, detail } = error as TwilioApiError;
  const reason = detail ?? (error as Error).message ?? title ?? String(error);
  if (typeof status !== 'number') {
    // Not an API answer: the SDK choked on something (e.g. a 2xx that is not JSON).
    return new DeliveryError(`Twilio call failed: ${reason}`, 'retryable', { request });
  }
  return classifyHttpFailure({
    provider: 'Twilio',
    status,
    ...(code !== undefined ? { code: `code ${code}` } : {}),
    reason,
    retryAfter: http.lastResponse?.headers['retry-after'],
    request,
    response: {
      status,
      ...(code !== undefined ? { code } : {}),
      message: reason,
      ...(moreInfo ? { more_info: moreInfo } : {}),
    },
  });
}
