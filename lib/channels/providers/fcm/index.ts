import { defineProvider, lazy } from '../../define-provider';
import { type FcmConfig, fcmConfigSchema } from './config';
import { fcmRecipientValidity } from './recipient';

export const fcmProvider = defineProvider<FcmConfig>({
  type: 'push',
  provider: 'fcm',
  label: 'Firebase Cloud Messaging (HTTP v1)',
  configSchema: fcmConfigSchema,
  requiresRecipient: true,
  send: lazy(() => import('./send'), 'sendFcm'),
  check: lazy(() => import('./check'), 'checkFcm'),
  close: lazy(() => import('./client'), 'closeFcmClients'),
  recipientValidity: fcmRecipientValidity,
});
