import { channelLookup } from '../channels/cache';
import type { EngineDeps } from '../deps';
import type { RunScope } from '../workflows/scope';
import { requireWorkflow } from '../workflows/service';
import { stepDefinition, stepSchema } from '../workflows/steps';

/** POST /api/v1/workflows/:key/preview: what every step would do with this data, without sending anything. */
export async function previewWorkflow(
  keyOrId: string,
  input: { data: Record<string, unknown>; recipient?: unknown },
  deps: Pick<EngineDeps, 'db'>,
) {
  const workflow = await requireWorkflow(keyOrId, deps.db);
  const scope: RunScope = {
    event: { id: null, event_type: null, timestamp: new Date().toISOString(), data: input.data },
    data: input.data,
    recipient: input.recipient ?? null,
    run: { id: 'preview', workflow_id: workflow.id },
  };
  const steps = workflow.steps.map((raw) => stepSchema.parse(raw));
  const channel = await channelLookup(steps.flatMap((s) => (s.type === 'send' ? [s.channel_id] : [])));
  const previews = [];
  let stopped = false;
  for (const [index, step] of steps.entries()) {
    if (stopped) {
      previews.push({ index, type: step.type, skipped: true });
      continue;
    }
    const ctx = { scope, index, now: new Date(), channel };
    const preview = await stepDefinition(step.type).preview(step, ctx);
    stopped = Boolean(preview.stops);
    previews.push({ index, type: step.type, ...preview.fields });
  }
  return { workflow_id: workflow.id, key: workflow.key, steps: previews };
}
