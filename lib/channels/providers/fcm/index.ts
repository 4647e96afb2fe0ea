import { defineProvider } from '../../define-provider';
import { clearAccessTokens } from './auth';
import { checkFcm } from './check';
import { type FcmConfig, fcmConfigSchema } from './config';
import { sendFcm } from './send';

export const fcmProvider = defineProvider<FcmConfig>({
  type: 'push',
  provider: 'fcm',
  label: 'Firebase Cloud Messaging (HTTP v1)',
  configSchema: fcmConfigSchema,
  requiresRecipient: true,
  send: sendFcm,
  check: checkFcm,
  close: async () => clearAccessTokens(),
});
