import webpush from 'web-push';
import { parseRetryAfter } from '../../retry-after';
import { DeliveryError } from '../../types';

const SNIPPET_CHARS = 500;
const CERTIFICATE_PROBLEM = /certificate|self[- ]signed|altnames|unable to verify|wrong version number/i;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * Push services answer per RFC 8030: 404/410 mean the subscription is gone for good ("subscription expired", so
 * it can be pruned); 401/403 that the VAPID credentials were refused; 413 a payload too large; 429 and 5xx are
 * retried (honouring Retry-After); other 4xx are permanent. An error without an answer is network trouble
 * (retried) unless it is about TLS, which retrying won't fix.
 */
export function classifyPushError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  if (error instanceof DeliveryError) {
    error.details.request ??= request;
    return error;
  }
  if (error instanceof webpush.WebPushError) {
    const status = error.statusCode;
    const body = (error.body ?? '').slice(0, SNIPPET_CHARS);
    const details = { responseCode: status, request, response: { status, body } };
    const snippet = body ? `: ${body}` : '';
    if (status === 404 || status === 410) {
      return new DeliveryError(
        `push subscription expired (HTTP ${status}): the browser unsubscribed or the subscription lapsed${snippet}`,
        'permanent',
        {
          ...details,
          response: { ...details.response, subscription_expired: true },
        },
      );
    }
    if (status === 401 || status === 403) {
      return new DeliveryError(
        `push service refused the VAPID credentials (HTTP ${status})${snippet}`,
        'permanent',
        details,
      );
    }
    if (status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(error.headers?.['retry-after']);
      return new DeliveryError(`push service answered HTTP ${status}${snippet}`, 'retryable', {
        ...details,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    return new DeliveryError(
      `push service refused the message with HTTP ${status}${snippet}`,
      'permanent',
      details,
    );
  }
  const { code, message } = error as NodeJS.ErrnoException;
  if (message === 'Socket timeout') {
    return new DeliveryError(`the push service did not answer within ${timeoutMs} ms`, 'retryable', {
      request,
    });
  }
  if (CERTIFICATE_PROBLEM.test(message ?? '') || code?.startsWith('ERR_TLS') || code?.includes('CERT')) {
    return new DeliveryError(`TLS with the push service failed: ${message}`, 'permanent', { request });
  }
  if (code && NETWORK_CODES.has(code)) {
    return new DeliveryError(`could not reach the push service: ${code} (${message})`, 'retryable', {
      request,
    });
  }
  // web-push throws plain errors for input it cannot encrypt or sign (keys, subject): configuration, not luck.
  return new DeliveryError(`Web Push ${code ?? 'error'}: ${message}`, code ? 'retryable' : 'permanent', {
    request,
  });
}
