import { z } from 'zod';

export const GRAPH_URL = 'https://graph.microsoft.com';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const TOKEN_URL_TEMPLATE = 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2048);

const webhookTarget = z.strictObject({
  mode: z.literal('webhook'),
  webhook_url: httpUrl
    .refine((value) => {
      const url = new URL(value);
      return !url.username && !url.password;
    }, 'must not contain credentials')
    .meta({
      secret: true,
      label: 'Webhook URL',
      description:
        'The URL of a Teams Workflows "When a Teams webhook request is received" flow (or a legacy incoming ' +
        'webhook). Anyone holding it can post, so it is kept secret.',
    }),
});

const graphTarget = z.strictObject({
  mode: z.literal('graph'),
  tenant_id: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,253}$/, 'must be a tenant ID or domain')
    .meta({ label: 'Tenant ID', description: 'Directory (tenant) ID or its domain.' }),
  client_id: z.guid('must be the application (client) ID, a GUID').meta({ label: 'Client ID' }),
  client_secret: z.string().min(1).max(1000).meta({ secret: true, label: 'Client secret' }),
  team_id: z.guid('must be the team (group) ID, a GUID').meta({ label: 'Team ID' }),
  channel_id: z
    .string()
    .trim()
    .regex(/^19:[\w.@-]+$/, 'must be a channel ID such as 19:…@thread.tacv2')
    .max(300)
    .meta({ label: 'Channel ID' }),
  graph_base_url: httpUrl.default(GRAPH_URL).meta({
    label: 'Graph base URL',
    description: `Advanced: Microsoft Graph root (default ${GRAPH_URL}; national clouds use their own).`,
  }),
  token_url: httpUrl.optional().meta({
    label: 'Token URL',
    description: `Advanced: OAuth token endpoint; default ${TOKEN_URL_TEMPLATE}.`,
  }),
  scope: z.string().trim().min(1).max(500).default(GRAPH_SCOPE).meta({
    label: 'Scope',
    description: 'Advanced: OAuth scope asked for; national clouds use their own Graph resource.',
  }),
});

export const teamsConfigSchema = z.strictObject({
  target: z.discriminatedUnion('mode', [webhookTarget, graphTarget]).meta({
    label: 'Mode',
    description:
      'webhook: post to a Workflows (or incoming) webhook URL. graph: Microsoft Graph with an app registration ' +
      '(client credentials); Microsoft allows app-only channel posts only with the migration permission.',
  }),
  timeout_seconds: z.number().int().min(1).max(30).default(10).meta({ label: 'Timeout (seconds)' }),
});

export type TeamsConfig = z.output<typeof teamsConfigSchema>;
export type TeamsWebhookTarget = z.output<typeof webhookTarget>;
export type TeamsGraphTarget = z.output<typeof graphTarget>;

export function tokenUrlOf(target: TeamsGraphTarget): string {
  return target.token_url ?? TOKEN_URL_TEMPLATE.replace('{tenant}', encodeURIComponent(target.tenant_id));
}
