import { defineProvider } from '../../define-provider';
import { checkSmtp } from './check';
import { type SmtpConfig, smtpConfigSchema } from './config';
import { sendSmtp } from './send';
import { closeSmtpTransports } from './transports';

export const smtpProvider = defineProvider<SmtpConfig>({
  type: 'email',
  provider: 'smtp',
  label: 'SMTP',
  configSchema: smtpConfigSchema,
  requiresRecipient: true,
  send: sendSmtp,
  check: checkSmtp,
  close: closeSmtpTransports,
});
