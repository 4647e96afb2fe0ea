import { defineProvider, lazy, lazyStatusWebhook } from '../../define-provider';
import { type SendgridConfig, sendgridConfigSchema } from './config';

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
  send: lazy(() => import('./send'), 'sendSendgrid'),
  check: lazy(() => import('./check'), 'checkSendgrid'),
  statusWebhook: lazyStatusWebhook(() => import('./status').then((m) => m.sendgridStatusWebhook)),
});
