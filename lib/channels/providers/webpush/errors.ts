import webpush from 'web-push';
import { snippet } from '../../../outbound/snippet';
import { alreadyClassified, classifyHttpFailure, classifyNetworkFailure } from '../../classify-failure';
import { DeliveryError } from '../../types';

/**
 * Push services answer per RFC 8030: 404/410 mean the subscription is gone for good ("subscription expired", so
 * it can be pruned); the rest goes by the shared rule (classify-failure.ts): 401/403 are refused VAPID
 * credentials, 413 a payload too large, other 4xx refusals (permanent); 429 and 5xx are retried (honouring
 * Retry-After). An error without an answer is network trouble (retried) unless it is about TLS, which retrying
 * won't fix.
 */
export function classifyPushError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  if (error instanceof webpush.WebPushError) {
    const status = error.statusCode;
    const body = snippet(error.body ?? '');
    const response = { status, body };
    const said = body ? `: ${body}` : '';
    if (status === 404 || status === 410) {
      return new DeliveryError(
        `push subscription expired (HTTP ${status}): the browser unsubscribed or the subscription lapsed${said}`,
        'permanent',
        { responseCode: status, request, response: { ...response, subscription_expired: true } },
      );
    }
    return classifyHttpFailure({
      provider: 'the push service',
      status,
      retryAfter: error.headers?.['retry-after'],
      message: (kind) =>
        kind === 'retryable'
          ? `push service answered HTTP ${status}${said}`
          : status === 401 || status === 403
            ? `push service refused the VAPID credentials (HTTP ${status})${said}`
            : `push service refused the message with HTTP ${status}${said}`,
      request,
      response,
    });
  }
  const { code, message } = error as NodeJS.ErrnoException;
  if (message === 'Socket timeout') {
    return new DeliveryError(`the push service did not answer within ${timeoutMs} ms`, 'retryable', {
      request,
    });
  }
  const call = classifyNetworkFailure(error, { provider: 'the push service', timeoutMs, request });
  if (call) return call;
  // web-push throws plain errors for input it cannot encrypt or sign (keys, subject): configuration, not luck.
  return new DeliveryError(`Web Push ${code ?? 'error'}: ${message}`, code ? 'retryable' : 'permanent', {
    request,
  });
}
