import { defineProvider, lazy } from '../../define-provider';
import { type SmtpConfig, smtpConfigSchema } from './config';

export const smtpProvider = defineProvider<SmtpConfig>({
  type: 'email',
  provider: 'smtp',
  label: 'SMTP',
  configSchema: smtpConfigSchema,
  requiresRecipient: true,
  send: lazy(() => import('./send'), 'sendSmtp'),
  check: lazy(() => import('./check'), 'checkSmtp'),
  close: lazy(() => import('./transports'), 'closeSmtpTransports'),
});
