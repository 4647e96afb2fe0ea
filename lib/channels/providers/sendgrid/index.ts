import { defineProvider } from '../../define-provider';
import { checkSendgrid } from './check';
import { type SendgridConfig, sendgridConfigSchema } from './config';
import { sendSendgrid } from './send';
import { sendgridStatusWebhook } from './status';

/**
 * No statusPoller: SendGrid's per-message lookup (Email Activity API) is a paid add-on; the signed Event Webhook
 * reports delivery instead.
 */
export const sendgridProvider = defineProvider<SendgridConfig>({
  type: 'email',
  provider: 'sendgrid',
  label: 'SendGrid',
  configSchema: sendgridConfigSchema,
  requiresRecipient: true,
  send: sendSendgrid,
  check: checkSendgrid,
  statusWebhook: sendgridStatusWebhook,
});
