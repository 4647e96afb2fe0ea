import { defineProvider, lazy } from '../../define-provider';
import { type SnsConfig, snsConfigSchema } from './config';

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
  send: lazy(() => import('./send'), 'sendSns'),
  check: lazy(() => import('./check'), 'checkSns'),
});
