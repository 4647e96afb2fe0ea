import { and, count, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import * as schema from '../../../drizzle/schema';
import { defineAlertKind } from './types';

const { messages: m, channels: c } = schema;

/** Messages that went `dead` (retries used up) within the window, optionally of one channel. */
export const deadLetters = defineAlertKind({
  kind: 'dead_letters',
  label: 'Dead letters',
  description: 'More than N messages went dead (retries used up) within the last Y minutes.',
  schema: z.strictObject({
    threshold: z.number().int().min(0).describe('Fires when the count is over this.'),
    window_minutes: z.number().int().min(1).max(1440),
    channel_id: z.uuid().nullable().default(null).describe('Only dead letters of this channel; null: all.'),
  }),
  async evaluate({ db }, params, now) {
    const rows = await db
      .select({ channelId: m.channelId, name: c.name, dead: count().mapWith(Number) })
      .from(m)
      .leftJoin(c, eq(c.id, m.channelId))
      .where(
        and(
          eq(m.status, 'dead'),
          // A dead message is not written again until it is re-driven, so updated_at is when it died.
          gte(m.updatedAt, new Date(now.getTime() - params.window_minutes * 60_000)),
          params.channel_id ? eq(m.channelId, params.channel_id) : undefined,
        ),
      )
      .groupBy(m.channelId, c.name);
    const total = rows.reduce((sum, row) => sum + row.dead, 0);
    const firing = total > params.threshold;
    const scope = params.channel_id
      ? ` of channel "${rows[0]?.name ?? params.channel_id}"`
      : rows.length
        ? ` (${rows
            .sort((x, y) => y.dead - x.dead)
            .slice(0, 3)
            .map((row) => `${row.name ?? 'deleted channel'}: ${row.dead}`)
            .join(', ')})`
        : '';
    return {
      firing,
      value: total,
      threshold: params.threshold,
      summary: `${total} dead letter(s)${scope} in the last ${params.window_minutes} min; threshold ${params.threshold}`,
      // About the channel watched; for all channels, about one only when it produced them all.
      channelIds: params.channel_id
        ? [params.channel_id]
        : firing && rows.length === 1 && rows[0]!.channelId
          ? [rows[0]!.channelId]
          : [],
    };
  },
});
