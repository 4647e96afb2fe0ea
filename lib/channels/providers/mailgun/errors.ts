import { alreadyClassified, classifyHttpFailure, classifyNetworkFailure } from '../../classify-failure';
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

/**
 * Classified by the shared rule (classify-failure.ts): 408, 429 and 5xx are retried; 401/403 (a wrong key, or a
 * sending key used where an account key is needed) and any other 4xx (a missing parameter, an unknown domain)
 * fail for good with Mailgun's reason. mailgun.js drops the response headers, so a 429's Retry-After cannot be
 * read: Switchboard's own backoff applies.
 */
export function classifyMailgunError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  const failure = error as MailgunError;
  const status = failure.status;
  const message = failure.message ?? '';
  if (failure.type !== 'MailgunAPIError' || status === undefined) {
    return new DeliveryError(`Mailgun client failed: ${message}`, 'retryable', { request });
  }
  if (status === 400 && NETWORK_CODE.test(message)) {
    // Rebuilt as the network error it was, for the shared rule to read.
    const cause = Object.assign(new Error(failure.details || message), { code: message });
    return (
      classifyNetworkFailure(cause, {
        provider: 'Mailgun',
        timeoutMs,
        endpoint: String(request.base_url),
        request,
      }) ??
      new DeliveryError(
        `could not reach Mailgun at ${String(request.base_url)}: ${message} (${cause.message})`,
        'retryable',
        { request },
      )
    );
  }
  const reason = failure.details || message || `HTTP ${status}`;
  return classifyHttpFailure({
    provider: 'Mailgun',
    status,
    reason,
    words: { credentials: 'refused the API key', refused: 'rejected the request' },
    request,
    response: { status, message: reason },
  });
}
