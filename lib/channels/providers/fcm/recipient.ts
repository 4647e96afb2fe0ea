import type { RecipientValidity } from '../../types';
import { parseTarget } from './message';

/**
 * FCM condemns a registration token with UNREGISTERED (the app was uninstalled, or the token expired), or an
 * INVALID_ARGUMENT about the token: the classifier names it as `unregistered_token`, with FCM's error code.
 * Topics and conditions are never condemned.
 */
export const fcmRecipientValidity: RecipientValidity = {
  noun: 'registration token',
  reporter: 'FCM',
  key(to) {
    try {
      const target = parseTarget(to);
      return 'token' in target ? target.token : undefined;
    } catch {
      return undefined;
    }
  },
  condemned(error) {
    const response = error.details.response;
    if (!response?.unregistered_token) return undefined;
    return { reason: typeof response.error_code === 'string' ? response.error_code : 'UNREGISTERED' };
  },
};
