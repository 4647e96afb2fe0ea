import { z } from 'zod';
import { stepName, templateString } from '../template-string';
import { render } from '../templates';
import { defineStep } from './types';

const schema = z.strictObject({
  type: z.literal('digest'),
  name: stepName,
  window_seconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600),
  /** Events whose key renders the same are collected into one run of the following steps. */
  key: templateString('key'),
});

/**
 * Collects runs whose key renders the same for `window_seconds`; when the window closes the earliest run goes on
 * with every collected event in `events`, and the others complete as merged into it.
 */
export const digestStep = defineStep({
  type: 'digest',
  label: 'Digest',
  description: 'Collect events with the same key for a while, then continue once with all of them.',
  schema,
  async execute(step, ctx) {
    const key = await render(step.key, ctx.scope, 'digest key').catch((error: Error) => error);
    if (key instanceof Error) return { kind: 'fail', error: `digest step ${ctx.index}: ${key.message}` };
    return {
      kind: 'digest',
      key: `${ctx.index}:${key}`,
      until: new Date(ctx.now.getTime() + step.window_seconds * 1000),
    };
  },
  async preview(step, ctx) {
    const key = await render(step.key, ctx.scope, 'digest key').catch((e: Error) => `error: ${e.message}`);
    return { fields: { key, window_seconds: step.window_seconds } };
  },
});
