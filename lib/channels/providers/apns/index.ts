import { defineProvider } from '../../define-provider';
import { checkApns } from './check';
import { closeApnsProviders } from './client';
import { type ApnsConfig, apnsConfigSchema } from './config';
import { sendApns } from './send';

export const apnsProvider = defineProvider<ApnsConfig>({
  type: 'push',
  provider: 'apns',
  label: 'Apple Push Notification service',
  configSchema: apnsConfigSchema,
  requiresRecipient: true,
  send: sendApns,
  check: checkApns,
  close: closeApnsProviders,
});
