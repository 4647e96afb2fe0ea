import { defineProvider } from '../../define-provider';
import { checkTeams } from './check';
import { type TeamsConfig, teamsConfigSchema } from './config';
import { sendTeams } from './send';

export const teamsProvider = defineProvider<TeamsConfig>({
  type: 'chat',
  provider: 'teams',
  label: 'Microsoft Teams',
  configSchema: teamsConfigSchema,
  // The webhook or the team and channel in the config say where the card goes.
  requiresRecipient: false,
  send: sendTeams,
  check: checkTeams,
});
