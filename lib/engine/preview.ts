import { eq } from 'drizzle-orm';
import { getProvider } from '../channels/registry';
import { schema } from '../db';
import { matches } from '../workflows/filters';
import { stepSchema } from '../workflows/schemas';
import { requireWorkflow } from '../workflows/service';
import { render } from '../workflows/templates';
import type { EngineDeps } from './ports';
import { renderSendStep } from './render-send';
import type { RunScope } from './scope';

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
  const steps = [];
  let stopped = false;
  for (const [index, raw] of workflow.steps.entries()) {
    const step = stepSchema.parse(raw);
    if (stopped) {
      steps.push({ index, type: step.type, skipped: true });
      continue;
    }
    if (step.type === 'send') {
      const [channel] = await deps.db
        .select()
        .from(schema.channels)
        .where(eq(schema.channels.id, step.channel_id));
      const messages = channel
        ? await renderSendStep(step, scope, getProvider(channel.provider).requiresRecipient)
        : [{ recipient: '', error: `channel ${step.channel_id} does not exist` }];
      steps.push({ index, type: step.type, channel_id: step.channel_id, messages });
    } else if (step.type === 'condition') {
      const passes = matches(step.filter, scope);
      stopped = !passes;
      steps.push({ index, type: step.type, matches: passes });
    } else if (step.type === 'delay') {
      const until =
        'seconds' in step
          ? `+${step.seconds}s`
          : await render(step.until, scope, 'until').catch((e: Error) => `error: ${e.message}`);
      steps.push({ index, type: step.type, until });
    } else {
      const key = await render(step.key, scope, 'digest key').catch((e: Error) => `error: ${e.message}`);
      steps.push({ index, type: step.type, key, window_seconds: step.window_seconds });
    }
  }
  return { workflow_id: workflow.id, key: workflow.key, steps };
}
