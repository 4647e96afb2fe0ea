import { and, count, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as schema from '../../../drizzle/schema';
import { defineAlertKind, figure, minutesAgo } from './types';

const { messageAttempts: a, messages: m, channels: c } = schema;

/**
 * Failed attempts (retryable or permanent) over all attempts in the window, per channel. A channel with fewer
 * attempts than `min_attempts` never fires: one failure out of one is not a trend.
 */
export const channelErrorRate = defineAlertKind({
  kind: 'channel_error_rate',
  label: 'Channel error rate',
  description: "A channel's failed attempts over X % within the last Y minutes, given a minimum volume.",
  schema: z.strictObject({
    channel_id: z
      .uuid()
      .nullable()
      .default(null)
      .describe('The channel watched; null watches every channel (each one on its own).'),
    threshold_percent: z
      .number()
      .min(0)
      .lt(100, 'must be below 100 (the rate fires when it is over the threshold)')
      .describe('Fires when the error rate is over this percentage.'),
    window_minutes: z.number().int().min(1).max(1440).describe('How far back attempts are counted.'),
    min_attempts: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(10)
      .describe('Attempts a channel needs within the window before its rate counts.'),
  }),
  async evaluate({ db }, params, now) {
    const failures = sql<number>`count(*) FILTER (WHERE ${a.outcome} <> 'success')`.mapWith(Number);
    const rows = await db
      .select({ channelId: m.channelId, name: c.name, attempts: count().mapWith(Number), failures })
      .from(a)
      .innerJoin(m, eq(m.id, a.messageId))
      .leftJoin(c, eq(c.id, m.channelId))
      .where(
        and(
          eq(a.kind, 'attempt'),
          gte(a.startedAt, minutesAgo(now, params.window_minutes)),
          params.channel_id ? eq(m.channelId, params.channel_id) : isNotNull(m.channelId),
        ),
      )
      .groupBy(m.channelId, c.name);
    const rated = rows
      .map((row) => ({ ...row, rate: (row.failures / row.attempts) * 100 }))
      .sort((x, y) => y.rate - x.rate);
    const counted = rated.filter((row) => row.attempts >= params.min_attempts);
    const over = counted.filter((row) => row.rate > params.threshold_percent);
    const window = `the last ${params.window_minutes} min`;
    const threshold = `threshold ${figure(params.threshold_percent)} %`;
    const describeRow = (row: (typeof rated)[number]) =>
      `channel "${row.name ?? row.channelId}": error rate ${figure(row.rate)} % (${row.failures} of ${row.attempts} attempts failed)`;
    const worst = over[0] ?? counted[0];
    let summary: string;
    if (over.length) {
      const named = over.slice(0, 3).map(describeRow).join('; ');
      const more = over.length > 3 ? ` and ${over.length - 3} more channel(s)` : '';
      summary = `${named}${more} in ${window}; ${threshold}`;
    } else if (worst) {
      summary = `highest ${describeRow(worst)} in ${window}; ${threshold}`;
    } else {
      const few = rated[0];
      summary = few
        ? `${describeRow(few)} in ${window}: fewer than the ${params.min_attempts} attempts needed to count; ${threshold}`
        : `no attempts in ${window}; ${threshold}`;
    }
    return {
      firing: over.length > 0,
      value: worst ? worst.rate : null,
      threshold: params.threshold_percent,
      summary,
      // A rule on one channel is about it whatever the reading, so its resolved notice avoids it too.
      channelIds: params.channel_id ? [params.channel_id] : over.map((row) => row.channelId!),
    };
  },
});
