import { defineProvider, lazy } from '../../define-provider';
import { type SlackConfig, slackConfigSchema } from './config';

export const slackProvider = defineProvider<SlackConfig>({
  type: 'chat',
  provider: 'slack',
  label: 'Slack',
  configSchema: slackConfigSchema,
  // The channel comes from the config; a recipient only overrides it.
  requiresRecipient: false,
  send: lazy(() => import('./send'), 'sendSlack'),
  check: lazy(() => import('./check'), 'checkSlack'),
});
