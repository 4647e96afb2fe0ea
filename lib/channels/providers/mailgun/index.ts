import { defineProvider } from '../../define-provider';
import { checkMailgun } from './check';
import { type MailgunConfig, mailgunConfigSchema } from './config';
import { sendMailgun } from './send';
import { mailgunStatusWebhook } from './status';

export const mailgunProvider = defineProvider<MailgunConfig>({
  type: 'email',
  provider: 'mailgun',
  label: 'Mailgun',
  configSchema: mailgunConfigSchema,
  requiresRecipient: true,
  send: sendMailgun,
  check: checkMailgun,
  statusWebhook: mailgunStatusWebhook,
});
