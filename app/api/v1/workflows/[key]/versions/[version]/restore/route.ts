import { json, withApi } from '@/lib/api/handler';
import { restoreWorkflowVersion } from '@/lib/workflows/restore';
import { workflowVersionParams } from '@/lib/workflows/version-schemas';

export const POST = withApi(
  { access: 'admin', params: workflowVersionParams },
  async ({ params, principal, requestId }) =>
    json(await restoreWorkflowVersion(params.key, params.version, { principal, requestId })),
);
