import { defineProvider } from '../../define-provider';
import { checkWebhook } from './check';
import { type WebhookConfig, webhookConfigSchema } from './config';
import { sendWebhook } from './send';

export const webhookProvider = defineProvider<WebhookConfig>({
  type: 'webhook',
  provider: 'webhook',
  label: 'Webhook (Standard Webhooks)',
  configSchema: webhookConfigSchema,
  requiresRecipient: false,
  send: sendWebhook,
  check: checkWebhook,
});
