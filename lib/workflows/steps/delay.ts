import { z } from 'zod';
import { stepName, templateString } from '../template-string';
import { render } from '../templates';
import { defineStep } from './types';

const schema = z.union([
  z.strictObject({
    type: z.literal('delay'),
    name: stepName,
    seconds: z
      .number()
      .int()
      .min(1)
      .max(90 * 24 * 3600),
  }),
  z.strictObject({
    type: z.literal('delay'),
    name: stepName,
    /** Template rendering to an ISO 8601 time. */
    until: templateString('until'),
  }),
]);
type DelayStep = z.infer<typeof schema>;

/** The time the run resumes, or why it cannot be worked out. */
async function resumeAt(step: DelayStep, ctx: { scope: object; now: Date }): Promise<Date | string> {
  if ('seconds' in step) return new Date(ctx.now.getTime() + step.seconds * 1000);
  const rendered = await render(step.until, ctx.scope, 'until').catch((error: Error) => error);
  if (rendered instanceof Error) return rendered.message;
  const until = new Date(rendered.trim());
  return Number.isNaN(until.getTime()) ? `"${rendered}" is not an ISO 8601 time` : until;
}

/** Waits a fixed time or until a rendered time; the run resumes from a step job then. */
export const delayStep = defineStep({
  type: 'delay',
  label: 'Delay',
  description: 'Wait a number of seconds, or until a time rendered from the event.',
  schema,
  async execute(step, ctx) {
    const until = await resumeAt(step, ctx);
    return typeof until === 'string'
      ? { kind: 'fail', error: `delay step ${ctx.index}: ${until}` }
      : { kind: 'wait', until };
  },
  async preview(step, ctx) {
    if ('seconds' in step) return { fields: { until: `+${step.seconds}s` } };
    const until = await resumeAt(step, ctx);
    return { fields: { until: typeof until === 'string' ? `error: ${until}` : until.toISOString() } };
  },
});
