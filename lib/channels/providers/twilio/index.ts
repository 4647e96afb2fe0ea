import { defineProvider, lazy, lazyStatusPoller, lazyStatusWebhook } from '../../define-provider';
import { type TwilioConfig, twilioConfigSchema } from './config';

export const twilioProvider = defineProvider<TwilioConfig>({
  type: 'sms',
  provider: 'twilio',
  label: 'Twilio SMS',
  configSchema: twilioConfigSchema,
  requiresRecipient: true,
  send: lazy(() => import('./send'), 'sendTwilio'),
  check: lazy(() => import('./check'), 'checkTwilio'),
  statusWebhook: lazyStatusWebhook(() => import('./status').then((m) => m.twilioStatusWebhook)),
  statusPoller: lazyStatusPoller(() => import('./status').then((m) => m.twilioStatusPoller)),
});
