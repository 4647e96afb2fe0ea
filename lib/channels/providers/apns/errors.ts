import type { ResponseFailure } from '@parse/node-apn';
import { DeliveryError } from '../../types';

/** Reasons that condemn the device token itself (Apple: "Handling notification responses from APNs"). */
const TOKEN_REASONS = new Set(['BadDeviceToken', 'Unregistered', 'ExpiredToken', 'DeviceTokenNotForTopic']);
const CERTIFICATE_PROBLEM =
  /certificate|self[- ]signed|altnames|unable to verify|wrong version number|tlsv1[.\d]* alert/i;

/**
 * APNs answers with a status and a `reason`. A token reason is permanent and names the token ("token
 * unregistered"), so it can be pruned; ExpiredProviderToken (node-apn signs a new token on it), 429 and 5xx are
 * retried — APNs sends no Retry-After (and node-apn drops any), so the channel's backoff applies; every other
 * refusal (403 InvalidProviderToken, 400 BadTopic, 413 PayloadTooLarge…) is permanent. Without a status the
 * request never got an answer: a timeout or network trouble is retried, a TLS/certificate failure is not.
 */
export function classifyApnsFailure(
  failure: ResponseFailure,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  const reason = failure.response?.reason ?? failure.error?.message ?? 'no reason given';
  if (status !== undefined) {
    const response = {
      status,
      reason,
      ...(failure.response?.timestamp ? { timestamp: failure.response.timestamp } : {}),
    };
    const details = { responseCode: status, request, response };
    if (TOKEN_REASONS.has(reason)) {
      const since = failure.response?.timestamp
        ? `, invalid since ${new Date(Number(failure.response.timestamp)).toISOString()}`
        : '';
      return new DeliveryError(
        `token unregistered: APNs refused device token ${failure.device} (HTTP ${status} ${reason}${since})`,
        'permanent',
        { ...details, response: { ...response, unregistered_token: failure.device } },
      );
    }
    const text = `APNs answered HTTP ${status} ${reason}`;
    if ((status === 403 && reason === 'ExpiredProviderToken') || status === 429 || status >= 500) {
      return new DeliveryError(text, 'retryable', details);
    }
    return new DeliveryError(text, 'permanent', details);
  }
  const chain = causes(failure.error);
  const guard = chain.find((cause): cause is DeliveryError => cause instanceof DeliveryError);
  if (guard) return guard;
  // VError messages already carry their causes' ("apn write failed: connect ECONNREFUSED …").
  const message = chain[0]?.message ?? reason;
  if (/apn write timeout/.test(message)) {
    return new DeliveryError(`APNs did not answer within ${timeoutMs} ms`, 'retryable', { request });
  }
  if (CERTIFICATE_PROBLEM.test(message)) {
    return new DeliveryError(`TLS with the APNs gateway failed: ${message}`, 'permanent', { request });
  }
  return new DeliveryError(`could not reach APNs: ${message}`, 'retryable', { request });
}

/** The error and its VError causes, outermost first. */
function causes(error: Error | undefined): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 10) {
    chain.push(current);
    const next = (current as { jse_cause?: unknown; cause?: unknown }).jse_cause ?? current.cause;
    current = typeof next === 'function' ? (next as () => unknown).call(current) : next;
  }
  return chain;
}
