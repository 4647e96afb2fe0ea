import { json, withApi } from '@/lib/api/handler';
import { decodeCursor, page, paginationQuery } from '@/lib/api/pagination';
import { createWorkflowSchema } from '@/lib/workflows/schemas';
import { createWorkflow, listWorkflows } from '@/lib/workflows/service';

export const GET = withApi({ access: 'read', query: paginationQuery }, async ({ query }) => {
  const rows = await listWorkflows({ limit: query.limit + 1, cursor: decodeCursor(query.cursor) });
  return json(page(rows, query.limit));
});

export const POST = withApi(
  { access: 'admin', body: createWorkflowSchema },
  async ({ body, principal, requestId }) => json(await createWorkflow(body, { principal, requestId }), 201),
);
