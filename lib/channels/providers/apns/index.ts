import { defineProvider, lazy } from '../../define-provider';
import { type ApnsConfig, apnsConfigSchema } from './config';
import { apnsRecipientValidity } from './recipient';

export const apnsProvider = defineProvider<ApnsConfig>({
  type: 'push',
  provider: 'apns',
  label: 'Apple Push Notification service',
  configSchema: apnsConfigSchema,
  requiresRecipient: true,
  send: lazy(() => import('./send'), 'sendApns'),
  check: lazy(() => import('./check'), 'checkApns'),
  close: lazy(() => import('./client'), 'closeApnsProviders'),
  recipientValidity: apnsRecipientValidity,
});
