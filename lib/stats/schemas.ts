import { z } from 'zod';
import { messageStatusSchema } from '../messages/schemas';
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

export const statsSchema = z.object({
  from: z.string().describe('the range, as resolved'),
  to: z.string(),
  bucket_seconds: z.number().int(),
  totals: z.object({
    messages: z.number().int().describe('messages created in the range'),
    succeeded: z.number().int().describe('of those, sent or delivered'),
    failed: z.number().int().describe('of those, failed, dead or bounced'),
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
});
export type Stats = z.infer<typeof statsSchema>;
export type StatusCounts = z.infer<typeof statusCountsSchema>;
