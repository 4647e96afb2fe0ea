import { defineProvider } from '../../define-provider';
import { checkWebpush } from './check';
import { type WebpushConfig, webpushConfigSchema } from './config';
import { sendWebpush } from './send';

export { generateVapidKeys, type VapidKeyPair } from './vapid';

export const webpushProvider = defineProvider<WebpushConfig>({
  type: 'push',
  provider: 'webpush',
  label: 'Web Push (VAPID)',
  configSchema: webpushConfigSchema,
  requiresRecipient: true,
  send: sendWebpush,
  check: checkWebpush,
});
