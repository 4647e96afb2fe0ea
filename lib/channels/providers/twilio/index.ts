import { defineProvider } from '../../define-provider';
import { checkTwilio } from './check';
import { type TwilioConfig, twilioConfigSchema } from './config';
import { sendTwilio } from './send';
import { twilioStatusPoller, twilioStatusWebhook } from './status';

export const twilioProvider = defineProvider<TwilioConfig>({
  type: 'sms',
  provider: 'twilio',
  label: 'Twilio SMS',
  configSchema: twilioConfigSchema,
  requiresRecipient: true,
  send: sendTwilio,
  check: checkTwilio,
  statusWebhook: twilioStatusWebhook,
  statusPoller: twilioStatusPoller,
});
