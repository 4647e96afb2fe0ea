import { defineProvider, lazy } from '../../define-provider';
import { type WebpushConfig, webpushConfigSchema } from './config';
import { webpushRecipientValidity } from './recipient';

export { generateVapidKeys, type VapidKeyPair } from './vapid';

export const webpushProvider = defineProvider<WebpushConfig>({
  type: 'push',
  provider: 'webpush',
  label: 'Web Push (VAPID)',
  configSchema: webpushConfigSchema,
  requiresRecipient: true,
  send: lazy(() => import('./send'), 'sendWebpush'),
  check: lazy(() => import('./check'), 'checkWebpush'),
  recipientValidity: webpushRecipientValidity,
});
