import type { RecipientValidity } from '../../types';

/**
 * APNs condemns a device token with a token reason (Unregistered, BadDeviceToken, ExpiredToken,
 * DeviceTokenNotForTopic): the classifier names it as `unregistered_token` in the answer, with Apple's
 * `timestamp` (when the token stopped being valid) for Unregistered. Tokens are hex: compared in lower case.
 */
export const apnsRecipientValidity: RecipientValidity = {
  noun: 'device token',
  reporter: 'APNs',
  key: (to) => to.trim().toLowerCase() || undefined,
  condemned(error) {
    const response = error.details.response;
    if (!response?.unregistered_token) return undefined;
    const reason = typeof response.reason === 'string' ? response.reason : 'token refused';
    const at = Number(response.timestamp);
    return {
      reason,
      ...(response.timestamp !== undefined && Number.isFinite(at) ? { since: new Date(at) } : {}),
    };
  },
};
