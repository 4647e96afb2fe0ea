import { defineProvider, lazy } from '../../define-provider';
import { type WebhookConfig, webhookConfigSchema } from './config';

export const webhookProvider = defineProvider<WebhookConfig>({
  type: 'webhook',
  provider: 'webhook',
  label: 'Webhook (Standard Webhooks)',
  configSchema: webhookConfigSchema,
  requiresRecipient: false,
  send: lazy(() => import('./send'), 'sendWebhook'),
  check: lazy(() => import('./check'), 'checkWebhook'),
});
