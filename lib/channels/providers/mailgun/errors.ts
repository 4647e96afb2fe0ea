import { DeliveryError } from '../../types';

/** mailgun.js's APIError: the HTTP status, the status text or Mailgun's `error`, and Mailgun's `message`. */
interface MailgunError extends Error {
  status?: number;
  details?: string;
  type?: string;
}

// An axios error code as the whole message: mailgun.js reports a failure without an HTTP answer (refused,
// reset, timed out) as status 400 with the code in place of the status text.
const NETWORK_CODE = /^(E[A-Z0-9_]+|ERR_[A-Z0-9_]+)$/;
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/**
 * 408, 429 and 5xx are retried; 401/403 (a wrong key, or a sending key used where an account key is needed) and
 * any other 4xx (a missing parameter, an unknown domain) fail for good with Mailgun's reason. mailgun.js drops
 * the response headers, so a 429's Retry-After cannot be read: Switchboard's own backoff applies.
 */
export function classifyMailgunError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  if (error instanceof DeliveryError) {
    error.details.request ??= request;
    return error;
  }
  const failure = error as MailgunError;
  const status = failure.status;
  const message = failure.message ?? '';
  if (failure.type !== 'MailgunAPIError' || status === undefined) {
    return new DeliveryError(`Mailgun client failed: ${message}`, 'retryable', { request });
  }
  if (status === 400 && NETWORK_CODE.test(message)) {
    if (TIMEOUT_CODES.has(message)) {
      return new DeliveryError(`Mailgun did not answer within ${timeoutMs} ms`, 'retryable', { request });
    }
    const detail = failure.details && failure.details !== message ? ` (${failure.details})` : '';
    return new DeliveryError(
      `could not reach Mailgun at ${String(request.base_url)}: ${message}${detail}`,
      'retryable',
      { request },
    );
  }
  const reason = failure.details || message || `HTTP ${status}`;
  const details = { responseCode: status, request, response: { status, message: reason } };
  if (status === 408 || status === 429 || status >= 500) {
    return new DeliveryError(`Mailgun is unavailable (HTTP ${status}): ${reason}`, 'retryable', details);
  }
  if (status === 401 || status === 403) {
    return new DeliveryError(`Mailgun refused the API key (HTTP ${status}): ${reason}`, 'permanent', details);
  }
  return new DeliveryError(`Mailgun rejected the request (HTTP ${status}): ${reason}`, 'permanent', details);
}
