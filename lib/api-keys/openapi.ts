import { uuidParams } from '../api/handler';
import { paginationQuery } from '../api/pagination';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { apiKeySchema, createApiKeySchema, createdApiKeySchema } from './schemas';

export function registerApiKeysApi(registry: OpenAPIRegistry): void {
  const ApiKey = named('ApiKey', apiKeySchema);
  const tag = 'API keys';
  route(registry, {
    method: 'get',
    path: '/api/v1/api-keys',
    operationId: 'listApiKeys',
    summary: 'List API keys',
    description: 'Newest first; revoked keys stay listed with `revoked_at`.',
    tag,
    access: 'read',
    query: paginationQuery,
    success: { status: 200, description: 'A page of API keys', schema: pageOf('ApiKeyPage', ApiKey) },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key',
    description: 'The response carries the secret `key`; it is shown this once and stored only as a hash.',
    tag,
    access: 'admin',
    body: named('CreateApiKey', createApiKeySchema),
    success: {
      status: 201,
      description: 'The key, with its secret',
      schema: named('CreatedApiKey', createdApiKeySchema),
    },
  });
  route(registry, {
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    description: 'The key stops working at once; its row stays for the audit trail.',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 200, description: 'The revoked key', schema: ApiKey },
  });
}
