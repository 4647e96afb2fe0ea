import { named, type OpenAPIRegistry, route } from '../openapi/registry';
import { triggerWorkflowSchema, workflowRefParams } from '../workflows/schemas';
import { previewResultSchema, triggerQuery, triggerResultSchema } from './schemas';

/** Documents the run-time workflow routes: trigger and preview. */
export function registerWorkflowRunsApi(registry: OpenAPIRegistry): void {
  const tag = 'Workflows';
  route(registry, {
    method: 'post',
    path: '/api/v1/workflows/{key}/trigger',
    operationId: 'triggerWorkflow',
    summary: 'Start a run of a workflow now',
    description:
      '202 with the run id. With `?wait=<seconds>` (max 30) it answers 200 with every message once all are final, or 202 with their current status when the wait runs out.',
    tag,
    access: 'trigger',
    params: workflowRefParams,
    query: triggerQuery,
    body: triggerWorkflowSchema,
    success: {
      status: 202,
      description: 'Run started (or finished, with ?wait: 200)',
      schema: named('TriggeredRun', triggerResultSchema),
    },
    errors: [404, 409],
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/workflows/{key}/preview',
    operationId: 'previewWorkflow',
    summary: 'Render every step with sample data, sending nothing',
    tag,
    access: 'read',
    params: workflowRefParams,
    body: triggerWorkflowSchema,
    success: {
      status: 200,
      description: 'What each step would do',
      schema: named('WorkflowPreview', previewResultSchema),
    },
    errors: [404],
  });
}
