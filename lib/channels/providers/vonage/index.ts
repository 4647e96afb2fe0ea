import { defineProvider } from '../../define-provider';
import { checkVonage } from './check';
import { type VonageConfig, vonageConfigSchema } from './config';
import { sendVonage } from './send';
import { vonageStatusWebhook } from './status';

/**
 * No statusPoller: the SMS API has no per-message status lookup (the old Search Messages API is retired, and the
 * Reports API is a separate, asynchronous product), so delivery receipts are the only status source.
 */
export const vonageProvider = defineProvider<VonageConfig>({
  type: 'sms',
  provider: 'vonage',
  label: 'Vonage SMS',
  configSchema: vonageConfigSchema,
  requiresRecipient: true,
  send: sendVonage,
  check: checkVonage,
  statusWebhook: vonageStatusWebhook,
});
