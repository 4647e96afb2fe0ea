import { defineProvider, lazy } from '../../define-provider';
import { type DiscordConfig, discordConfigSchema } from './config';

export const discordProvider = defineProvider<DiscordConfig>({
  type: 'chat',
  provider: 'discord',
  label: 'Discord',
  configSchema: discordConfigSchema,
  // The channel comes from the config; a recipient only overrides it.
  requiresRecipient: false,
  send: lazy(() => import('./send'), 'sendDiscord'),
  check: lazy(() => import('./check'), 'checkDiscord'),
});
