import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerAlertRulesApi } from '../alerts/openapi';
import { registerApiKeysApi } from '../api-keys/openapi';
import { registerAuditLogApi } from '../audit/openapi';
import { registerChannelsApi } from '../channels/openapi';
import { registerStatusHooksApi } from '../delivery/openapi';
import { registerEventsApi } from '../events/openapi';
import { registerFilesApi } from '../files/openapi';
import { registerInvalidRecipientsApi } from '../invalid-recipients/openapi';
import { registerMessageBulkApi } from '../messages/bulk-openapi';
import { registerMessagesApi } from '../messages/openapi';
import { registerStatsApi } from '../stats/openapi';
import { registerTriggersApi } from '../triggers/openapi';
import { registerUsersApi } from '../users/openapi';
import { registerWorkflowRunsApi } from '../workflow-engine/openapi';
import { registerWorkflowsApi } from '../workflows/openapi';
import { PROBLEM_STATUSES, type ProblemStatus, problemComponentName, problemSchema } from './problem';
import { named, SECURITY_SCHEMES } from './registry';
import { registerOpenApiDocumentApi } from './self';

/**
 * How the API document is put together: each feature documents its own routes in `lib/<feature>/openapi.ts`,
 * exporting `register<Feature>Api(registry)` that calls `route()` (lib/openapi/registry.ts) with the very zod
 * schemas its route handlers pass to `withApi`. Adding routes = adding such a file and one line here.
 * test/openapi.test.ts compares this document with the route files under app/api/v1 and fails until every
 * exported handler is documented (and nothing is documented that does not exist).
 */
const FEATURES: ((registry: OpenAPIRegistry) => void)[] = [
  registerApiKeysApi,
  registerUsersApi,
  registerChannelsApi,
  registerWorkflowsApi,
  registerTriggersApi,
  registerEventsApi,
  registerMessagesApi,
  registerMessageBulkApi,
  registerInvalidRecipientsApi,
  registerStatsApi,
  registerWorkflowRunsApi,
  registerFilesApi,
  registerStatusHooksApi,
  registerAlertRulesApi,
  registerAuditLogApi,
  registerOpenApiDocumentApi,
];

const DESCRIPTION = `Switchboard's REST API: the same contract the console uses. JSON in snake_case; errors are RFC 9457
\`application/problem+json\` with the failing field paths in \`errors\`; lists are cursor-paginated
(\`?limit=&cursor=\` → \`{data, next_cursor, prev_cursor}\`; \`?before=<prev_cursor>\` pages back).`;

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', SECURITY_SCHEMES.apiKey, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sbk_…',
    description: 'An API key (`Authorization: Bearer sbk_…`), scope `admin` or `trigger`.',
  });
  registry.registerComponent('securitySchemes', SECURITY_SCHEMES.session, {
    type: 'apiKey',
    in: 'cookie',
    name: 'next-auth.session-token',
    description: "The console's session cookie (`__Secure-next-auth.session-token` over HTTPS).",
  });
  for (const [status, description] of Object.entries(PROBLEM_STATUSES)) {
    registry.registerComponent('responses', problemComponentName(Number(status) as ProblemStatus), {
      description,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  }
  for (const register of FEATURES) register(registry);
  // Problem is referenced only from the raw response components above, so it is listed explicitly.
  const definitions = [
    ...registry.definitions,
    { type: 'schema' as const, schema: named('Problem', problemSchema) },
  ];
  return new OpenApiGeneratorV31(definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Switchboard API', version: '1', description: DESCRIPTION },
    servers: [{ url: '/' }],
  });
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The document is the same for the life of the process, so it is built once. */
export function openApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}
