import { json, withApi } from '@/lib/api/handler';
import { listPage, paginationQuery } from '@/lib/api/pagination';
import { createWorkflowSchema } from '@/lib/workflows/schemas';
import { createWorkflow, listWorkflows } from '@/lib/workflows/service';

export const GET = withApi({ access: 'read', query: paginationQuery }, async ({ query }) =>
  json(await listPage(query, (request) => listWorkflows(request))),
);

export const POST = withApi(
  { access: 'admin', body: createWorkflowSchema },
  async ({ body, principal, requestId }) => json(await createWorkflow(body, { principal, requestId }), 201),
);
