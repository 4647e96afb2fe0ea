import { inArray } from 'drizzle-orm';
import { type BodyFormat, bodyFormatProblem } from '../channels/providers/webhook/body-format';
import { hasPayload } from '../channels/providers/webhook/payload';
import { type Db, schema, type Tx } from '../db';
import { AppError, type FieldError } from '../errors';
import { sampleScope } from './sample-scope';
import type { Step } from './schemas';
import { render } from './templates';

/**
 * The body format of each webhook channel among `ids` (channels saved before body formats existed: json), and
 * whether it has a payload template.
 */
export async function webhookBodyFormats(
  ids: string[],
  database: Db | Tx,
): Promise<Map<string, { name: string; format: BodyFormat; payload: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await database
    .select({
      id: schema.channels.id,
      name: schema.channels.name,
      provider: schema.channels.provider,
      config: schema.channels.config,
    })
    .from(schema.channels)
    .where(inArray(schema.channels.id, [...new Set(ids)]));
  return new Map(
    rows
      .filter((row) => row.provider === 'webhook')
      .map((row) => {
        const config = row.config as { body_format?: BodyFormat; payload?: unknown };
        return [
          row.id,
          { name: row.name, format: config.body_format ?? 'json', payload: hasPayload(config) },
        ];
      }),
  );
}

export { bodyFormatProblem };

/**
 * A webhook channel in the json (or form) body format refuses any body that is not JSON, at send time, for
 * every message. So a send step's body template is rendered against a sample event when the workflow is saved
 * (see `sample-scope.ts`), and one that cannot render to JSON is refused naming the step and the parse error.
 * A template that fails to render for the sample (a variable only some events have) is left to run time.
 * A step without a body template is refused unless its channel is a webhook channel with a payload template
 * (checked against its body format when the channel was saved).
 */
export async function assertBodiesFitFormats(
  steps: Step[],
  database: Db | Tx,
  root = 'steps',
): Promise<void> {
  const sends = steps.flatMap((step, index) => (step.type === 'send' ? [{ step, index }] : []));
  const formats = await webhookBodyFormats(
    sends.flatMap(({ step }) => [
      step.channel_id,
      ...(step.fallback_channel_id ? [step.fallback_channel_id] : []),
    ]),
    database,
  );
  const errors: FieldError[] = [];
  for (const { step, index } of sends) {
    const which = step.name ? `step ${index} ("${step.name}")` : `step ${index}`;
    if (step.template.body === undefined) {
      if (formats.get(step.channel_id)?.payload) continue;
      errors.push({
        path: `${root}.${index}.template.body`,
        message: `${which}: is required unless the step's channel is a webhook channel with a payload template`,
      });
      continue;
    }
    const checked = [step.channel_id, step.fallback_channel_id]
      .map((id) => (id ? formats.get(id) : undefined))
      .filter((channel) => channel !== undefined && channel.format !== 'text');
    if (checked.length === 0) continue;
    let rendered: string;
    try {
      rendered = await render(step.template.body, sampleScope(), 'body');
    } catch {
      continue;
    }
    for (const channel of checked) {
      if (!channel) continue;
      const problem = bodyFormatProblem(channel.format, rendered);
      if (!problem) continue;
      errors.push({
        path: `${root}.${index}.template.body`,
        message: `${which}: webhook channel "${channel.name}" sends ${channel.format} bodies, but for a sample event ${problem} (rendered: ${snippet(rendered)})`,
      });
      break;
    }
  }
  if (errors.length === 0) return;
  throw new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

function snippet(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
