import { json, withApi } from '@/lib/api/handler';
import { decodeCursor, page } from '@/lib/api/pagination';
import { createTriggerSchema, listTriggersQuery } from '@/lib/triggers/schemas';
import { createTrigger, listTriggers } from '@/lib/triggers/service';

export const GET = withApi({ access: 'read', query: listTriggersQuery }, async ({ query }) => {
  const rows = await listTriggers({
    limit: query.limit + 1,
    cursor: decodeCursor(query.cursor),
    workflowId: query.workflow_id,
    type: query.type,
  });
  return json(page(rows, query.limit));
});

export const POST = withApi(
  { access: 'admin', body: createTriggerSchema },
  async ({ body, principal, requestId }) => json(await createTrigger(body, { principal, requestId }), 201),
);
