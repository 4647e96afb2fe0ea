import { defineProvider, lazy, lazyStatusWebhook } from '../../define-provider';
import { type MailgunConfig, mailgunConfigSchema } from './config';

export const mailgunProvider = defineProvider<MailgunConfig>({
  type: 'email',
  provider: 'mailgun',
  label: 'Mailgun',
  configSchema: mailgunConfigSchema,
  requiresRecipient: true,
  send: lazy(() => import('./send'), 'sendMailgun'),
  check: lazy(() => import('./check'), 'checkMailgun'),
  statusWebhook: lazyStatusWebhook(() => import('./status').then((m) => m.mailgunStatusWebhook)),
});
