import { json, withApi } from '@/lib/api/handler';
import { engineDeps } from '@/lib/deps';
import { triggerQuery } from '@/lib/workflow-engine/schemas';
import { triggerWorkflow, waitForRun } from '@/lib/workflow-engine/trigger-workflow';
import { triggerWorkflowSchema, workflowRefParams } from '@/lib/workflows/schemas';

/** Starts one run now: 202 `{run_id}`; with `?wait=` 200 once all messages are final, or 202 with their status. */
export const POST = withApi(
  { access: 'trigger', params: workflowRefParams, query: triggerQuery, body: triggerWorkflowSchema },
  async ({ params, query, body, requestId }) => {
    const deps = await engineDeps();
    const run = await triggerWorkflow(params.key, body, deps, requestId);
    if (!query.wait) return json(run, 202);
    const outcome = await waitForRun(run.run_id, query.wait, deps);
    return json({ ...run, ...outcome }, outcome.done ? 200 : 202);
  },
);
