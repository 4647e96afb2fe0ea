import { defineProvider, lazy } from '../../define-provider';
import { type TeamsConfig, teamsConfigSchema } from './config';

export const teamsProvider = defineProvider<TeamsConfig>({
  type: 'chat',
  provider: 'teams',
  label: 'Microsoft Teams',
  configSchema: teamsConfigSchema,
  // The webhook or the team and channel in the config say where the card goes.
  requiresRecipient: false,
  send: lazy(() => import('./send'), 'sendTeams'),
  check: lazy(() => import('./check'), 'checkTeams'),
});
