import { json, withApi } from '@/lib/api/handler';
import { updateWorkflowSchema, workflowRefParams } from '@/lib/workflows/schemas';
import { deleteWorkflow, getWorkflow, updateWorkflow } from '@/lib/workflows/service';

export const GET = withApi({ access: 'read', params: workflowRefParams }, async ({ params }) =>
  json(await getWorkflow(params.key)),
);

export const PATCH = withApi(
  { access: 'admin', params: workflowRefParams, body: updateWorkflowSchema },
  async ({ params, body, principal, requestId }) =>
    json(await updateWorkflow(params.key, body, { principal, requestId })),
);

export const DELETE = withApi(
  { access: 'admin', params: workflowRefParams },
  async ({ params, principal, requestId }) => {
    await deleteWorkflow(params.key, { principal, requestId });
    return new Response(null, { status: 204 });
  },
);
