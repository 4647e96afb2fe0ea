import { z } from 'zod';
import { QUEUES } from '../../queue/queues';
import { defineAlertKind } from './types';

const QUEUE_NAMES = Object.values(QUEUES) as [string, ...string[]];

/** A pg-boss queue with more than N jobs ready to run (due now, not yet picked up): a backlog. */
export const queueDepth = defineAlertKind({
  kind: 'queue_depth',
  label: 'Queue depth',
  description: 'A job queue holds more than N jobs that are due and not yet picked up.',
  schema: z.strictObject({
    queue: z.enum(QUEUE_NAMES).describe(`One of: ${QUEUE_NAMES.join(', ')}.`),
    threshold: z.number().int().min(0).describe('Fires when the ready jobs are more than this.'),
  }),
  async evaluate(ctx, params) {
    const depth = await ctx.queueDepth(params.queue);
    return {
      firing: depth > params.threshold,
      value: depth,
      threshold: params.threshold,
      summary: `queue "${params.queue}" holds ${depth} ready job(s); threshold ${params.threshold}`,
      channelIds: [],
    };
  },
});
