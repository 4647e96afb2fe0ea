import { defineProvider } from '../../define-provider';
import { checkDiscord } from './check';
import { type DiscordConfig, discordConfigSchema } from './config';
import { sendDiscord } from './send';

export const discordProvider = defineProvider<DiscordConfig>({
  type: 'chat',
  provider: 'discord',
  label: 'Discord',
  configSchema: discordConfigSchema,
  // The channel comes from the config; a recipient only overrides it.
  requiresRecipient: false,
  send: sendDiscord,
  check: checkDiscord,
});
