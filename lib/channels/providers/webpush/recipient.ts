import type { RecipientValidity } from '../../types';
import { parseSubscription } from './subscription';

/**
 * A push service answers 404 or 410 for a subscription that is gone (the browser unsubscribed, or it lapsed):
 * the classifier marks the answer `subscription_expired`. A subscription is identified by its endpoint, which
 * is also what a web app stores it under.
 */
export const webpushRecipientValidity: RecipientValidity = {
  noun: 'push subscription',
  reporter: 'the push service',
  key(to) {
    try {
      return parseSubscription(to).endpoint;
    } catch {
      return undefined;
    }
  },
  condemned(error) {
    const response = error.details.response;
    if (response?.subscription_expired !== true) return undefined;
    return { reason: `expired (HTTP ${response.status ?? error.details.responseCode ?? 410})` };
  },
};
