import { z } from 'zod';
import { filterSchema, matches } from '../filters';
import { stepName } from '../template-string';
import { defineStep } from './types';

const schema = z.strictObject({
  type: z.literal('condition'),
  name: stepName,
  /** When the filter does not match `{event, data, recipient}`, the steps after this one are skipped. */
  filter: filterSchema,
});

/** Goes on only when the filter matches the run's scope; otherwise the run completes here. */
export const conditionStep = defineStep({
  type: 'condition',
  label: 'Condition',
  description: 'Continue only when a filter matches the event; otherwise end the run here.',
  schema,
  async execute(step, ctx) {
    return matches(step.filter, ctx.scope) ? { kind: 'next' } : { kind: 'end' };
  },
  async preview(step, ctx) {
    const passes = matches(step.filter, ctx.scope);
    return { fields: { matches: passes }, stops: !passes };
  },
});
