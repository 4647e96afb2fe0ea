import type { ResponseFailure } from '@parse/node-apn';
import { alreadyClassified, classifyHttpFailure, isCertificateProblem } from '../../classify-failure';
import { DeliveryError } from '../../types';

/** Reasons that condemn the device token itself (Apple: "Handling notification responses from APNs"). */
const TOKEN_REASONS = new Set(['BadDeviceToken', 'Unregistered', 'ExpiredToken', 'DeviceTokenNotForTopic']);

/**
 * APNs answers with a status and a `reason`. A token reason is permanent and names the token ("token
 * unregistered"), so it can be pruned; ExpiredProviderToken (node-apn signs a new token on it) is retried; the
 * rest goes by the shared rule (classify-failure.ts): 429 and 5xx are retried — APNs sends no Retry-After (and
 * node-apn drops any), so the channel's backoff applies; every other refusal (403 InvalidProviderToken, 400
 * BadTopic, 413 PayloadTooLarge…) is permanent. Without a status the request never got an answer: a timeout or
 * network trouble is retried, a TLS/certificate failure is not.
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
    if (status === 403 && reason === 'ExpiredProviderToken')
      return new DeliveryError(text, 'retryable', details);
    return classifyHttpFailure({ provider: 'APNs', status, message: text, request, response });
  }
  // The SSRF guard's refusal, wherever node-apn's VErrors wrapped it.
  const guard = alreadyClassified(failure.error);
  if (guard) return guard;
  // VError messages already carry their causes' ("apn write failed: connect ECONNREFUSED …").
  const message = failure.error?.message ?? reason;
  if (/apn write timeout/.test(message)) {
    return new DeliveryError(`APNs did not answer within ${timeoutMs} ms`, 'retryable', { request });
  }
  if (isCertificateProblem(failure.error ?? new Error(message))) {
    return new DeliveryError(`TLS with the APNs gateway failed: ${message}`, 'permanent', { request });
  }
  return new DeliveryError(`could not reach APNs: ${message}`, 'retryable', { request });
}
