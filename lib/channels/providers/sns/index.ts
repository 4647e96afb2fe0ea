import { defineProvider } from '../../define-provider';
import { checkSns } from './check';
import { type SnsConfig, snsConfigSchema } from './config';
import { sendSns } from './send';

/**
 * No statusWebhook or statusPoller: SNS reports SMS delivery only to CloudWatch Logs (delivery status logging),
 * with neither a callback nor a per-message lookup API.
 */
export const snsProvider = defineProvider<SnsConfig>({
  type: 'sms',
  provider: 'sns',
  label: 'Amazon SNS (SMS)',
  configSchema: snsConfigSchema,
  requiresRecipient: true,
  send: sendSns,
  check: checkSns,
});
