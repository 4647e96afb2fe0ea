import { json, withApi } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { previewWorkflow } from '@/lib/workflow-engine/preview';
import { triggerWorkflowSchema, workflowRefParams } from '@/lib/workflows/schemas';

/** Renders every step with the given data, sending nothing. */
export const POST = withApi(
  { access: 'read', params: workflowRefParams, body: triggerWorkflowSchema },
  async ({ params, body }) => json(await previewWorkflow(params.key, body, { db: db() })),
);
