import { channelLookup } from '../channels/cache';
import type { BodyFormat } from '../channels/providers/webhook/body-format';
import type { EngineDeps } from '../deps';
import { bodyFormatProblem, webhookBodyFormats } from '../workflows/body-format-check';
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
  const sendChannels = steps.flatMap((s) => (s.type === 'send' ? [s.channel_id] : []));
  const channel = await channelLookup(sendChannels);
  const formats = await webhookBodyFormats(sendChannels, deps.db);
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
    const webhook = step.type === 'send' ? formats.get(step.channel_id) : undefined;
    if (webhook) preview.fields.messages = checkBodies(preview.fields.messages, webhook, index);
    previews.push({ index, type: step.type, ...preview.fields });
  }
  return { workflow_id: workflow.id, key: workflow.key, steps: previews };
}

/** A webhook message whose body does not fit its channel's body format would fail at send time: say so here. */
function checkBodies(
  messages: unknown,
  webhook: { name: string; format: BodyFormat },
  index: number,
): unknown {
  if (!Array.isArray(messages)) return messages;
  return messages.map((message: { body?: unknown; error?: string }) => {
    if (message.error || typeof message.body !== 'string') return message;
    const problem = bodyFormatProblem(webhook.format, message.body);
    if (!problem) return message;
    return {
      ...message,
      error: `step ${index}: webhook channel "${webhook.name}" sends ${webhook.format} bodies, but ${problem}`,
    };
  });
}
