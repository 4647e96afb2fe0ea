import { defineProvider } from '../../define-provider';
import { checkSes } from './check';
import { type SesConfig, sesConfigSchema } from './config';
import { sendSes } from './send';
import { sesStatusWebhook } from './status';

/** No statusPoller: SES has no per-message status lookup; events come through SNS. */
export const sesProvider = defineProvider<SesConfig>({
  type: 'email',
  provider: 'ses',
  label: 'Amazon SES',
  configSchema: sesConfigSchema,
  requiresRecipient: true,
  send: sendSes,
  check: checkSes,
  statusWebhook: sesStatusWebhook,
});
