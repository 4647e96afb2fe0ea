import { defineProvider } from '../../define-provider';
import { checkSlack } from './check';
import { type SlackConfig, slackConfigSchema } from './config';
import { sendSlack } from './send';

export const slackProvider = defineProvider<SlackConfig>({
  type: 'chat',
  provider: 'slack',
  label: 'Slack',
  configSchema: slackConfigSchema,
  // The channel comes from the config; a recipient only overrides it.
  requiresRecipient: false,
  send: sendSlack,
  check: checkSlack,
});
