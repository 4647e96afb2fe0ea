import { json, withApi } from '@/lib/api/handler';
import { listPage } from '@/lib/api/pagination';
import { createTriggerSchema, listTriggersQuery } from '@/lib/triggers/schemas';
import { createTrigger, listTriggers } from '@/lib/triggers/service';

export const GET = withApi({ access: 'read', query: listTriggersQuery }, async ({ query }) => {
  const filter = { workflowId: query.workflow_id, type: query.type };
  return json(await listPage(query, (request) => listTriggers({ ...request, ...filter })));
});

export const POST = withApi(
  { access: 'admin', body: createTriggerSchema },
  async ({ body, principal, requestId }) => json(await createTrigger(body, { principal, requestId }), 201),
);
