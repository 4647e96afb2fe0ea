import { z } from 'zod';
import { messageStatusSchema } from '../messages/schemas';
import { SAMPLE_SIZE } from './sample';
import { BUCKET_PATTERN, MAX_BUCKETS, MAX_SPAN_SECONDS, resolveWindow, windowProblems } from './window';

export const statsQuerySchema = z
  .object({
    from: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('start of the range (inclusive, on created_at); default: 24 hours before `to`'),
    to: z.iso.datetime({ offset: true }).optional().describe('end of the range (exclusive); default: now'),
    bucket: z
      .string()
      .regex(BUCKET_PATTERN, 'must be minute, hour, day or an interval such as 5m, 6h, 2d')
      .optional()
      .describe(
        `width of a time-series bucket: minute, hour, day or <n>m|h|d; default: minute up to 2 h, hour up to 8 days, ` +
          `day beyond. At most ${MAX_BUCKETS} buckets and ${MAX_SPAN_SECONDS / 86_400} days per request.`,
      ),
  })
  .superRefine((query, ctx) => {
    const window = resolveWindow(query);
    for (const { path, message } of windowProblems(window))
      ctx.addIssue({ code: 'custom', path: [path], message });
  });
export type StatsQuery = z.output<typeof statsQuerySchema>;

/** Message counts by status, every status present (0 when none). */
export const statusCountsSchema = z.object(
  Object.fromEntries(messageStatusSchema.options.map((s) => [s, z.number().int()])) as Record<
    z.infer<typeof messageStatusSchema>,
    z.ZodNumber
  >,
);

const rate = z.number().min(0).max(1).nullable();

/** Figures for the moment of the request, whatever the range (lib/stats/live.ts). */
export const liveFiguresSchema = z.object({
  queue_depth: z
    .object({
      ready: z.number().int().describe('jobs due now and not yet picked up, all queues'),
      scheduled: z.number().int().describe('jobs due later (retry backoffs, delays)'),
      active: z.number().int().describe('jobs a worker is running'),
      queues: z.array(
        z.object({
          queue: z.string(),
          ready: z.number().int(),
          scheduled: z.number().int(),
          active: z.number().int(),
        }),
      ),
    })
    .nullable()
    .describe('pg-boss jobs now (a delivery job carries up to 100 messages); null before any worker started'),
  consumer_lag: z.object({
    total: z.number().nullable().describe('messages not yet consumed, summed over the reporting consumers'),
    triggers_reporting: z.number().int().describe('enabled triggers with a consumer that reported lately'),
    triggers: z
      .array(
        z.object({
          trigger_id: z.uuid(),
          name: z.string(),
          lag: z.number().nullable(),
          errors: z.number().int().describe('consumers of this trigger in state error'),
        }),
      )
      .describe('the 10 triggers lagging most'),
  }),
  open_alerts: z.object({
    count: z.number().int().describe('enabled alert rules firing now'),
    rules: z
      .array(
        z.object({ id: z.uuid(), name: z.string(), kind: z.string(), firing_since: z.string().nullable() }),
      )
      .describe('the 10 firing longest'),
  }),
});
export type LiveFigures = z.infer<typeof liveFiguresSchema>;

export const statsSchema = z.object({
  from: z.string().describe('the range, as resolved'),
  to: z.string(),
  bucket_seconds: z.number().int(),
  totals: z.object({
    messages: z.number().int().describe('messages created in the range'),
    succeeded: z.number().int().describe('of those, sent or delivered'),
    failed: z.number().int().describe('of those, failed, dead, bounced or discarded'),
    in_flight: z.number().int().describe('of those, queued, sending or retrying'),
    by_status: statusCountsSchema,
  }),
  success_rate: rate.describe('succeeded / finished (succeeded + failed); null when none finished'),
  error_rate: rate.describe(
    'delivery attempts that failed (retryable or not) / all attempts, for messages in the range; null when none',
  ),
  latency_ms: z.object({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    samples: z.number().int().describe('sent messages with a source event, which the percentiles are over'),
  }),
  sample: z
    .object({
      messages: z.number().int().describe('messages error_rate and latency_ms are computed over'),
      of: z.number().int().describe('messages in the range'),
    })
    .nullable()
    .describe(
      `error_rate and latency_ms over a sample when the range holds more than ${SAMPLE_SIZE.toLocaleString('en')} ` +
        'messages (runs of consecutive messages spread over the range in proportion to its volume); null: over all',
    ),
  dead_letters_waiting: z.number().int().describe('messages in status dead now, whenever created'),
  top_failing_channels: z.array(
    z.object({
      channel_id: z.uuid(),
      name: z.string(),
      failures: z.number().int(),
      finished: z.number().int(),
      failure_rate: z.number().min(0).max(1),
    }),
  ),
  volume: z
    .array(z.object({ start: z.string(), counts: statusCountsSchema }))
    .describe('every bucket of the range, oldest first, with the messages created in it by status'),
  volume_by_channel: z
    .array(
      z.object({
        channel_id: z.uuid().nullable(),
        channel_name: z.string().nullable(),
        status: messageStatusSchema,
        counts: z.array(z.number().int()).describe('one count per bucket of `volume`, in the same order'),
      }),
    )
    .describe('one series per channel and status that had messages in the range'),
  ...liveFiguresSchema.shape,
});
export type Stats = z.infer<typeof statsSchema>;
export type StatusCounts = z.infer<typeof statusCountsSchema>;
