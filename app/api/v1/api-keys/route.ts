import { json, withApi } from '@/lib/api/handler';
import { listPage, paginationQuery } from '@/lib/api/pagination';
import { createApiKeySchema } from '@/lib/api-keys/schemas';
import { createApiKey, listApiKeys } from '@/lib/api-keys/service';
import { audit } from '@/lib/audit/log';

export const GET = withApi({ access: 'read', query: paginationQuery }, async ({ query }) =>
  json(await listPage(query, (request) => listApiKeys(request))),
);

export const POST = withApi(
  { access: 'admin', body: createApiKeySchema },
  async ({ body, principal, requestId }) => {
    const created = await createApiKey({
      ...body,
      createdBy: principal?.kind === 'user' ? principal.id : null,
    });
    await audit({
      principal,
      action: 'api_key.create',
      resourceType: 'api_key',
      resourceId: created.id,
      changes: { name: body.name, scope: body.scope },
      requestId,
    });
    return json(created, 201);
  },
);
