import { z } from 'zod';

/**
 * What the channel list and page show beside a channel's settings: how its deliveries went lately (activity) and
 * what would break without it (usage). Free of server-only imports: the console uses the types too.
 */

/** How many of a channel's newest messages the health dot and the last error are read from. */
export const RECENT_MESSAGES = 100;
/** At most this many channels per activity request (a page of the channel list). */
export const MAX_ACTIVITY_IDS = 200;

export const channelHealthSchema = z
  .enum(['healthy', 'degraded', 'failing', 'held', 'idle', 'disabled'])
  .describe(
    'disabled: switched off; held: the provider asked to wait (429 Retry-After) and nothing is sent until ' +
      '`held_until`; failing: its newest finished message failed; degraded: more than 10% of its recent ' +
      'finished messages failed, or messages are retrying; idle: no finished message lately; healthy otherwise',
  );
export type ChannelHealth = z.infer<typeof channelHealthSchema>;

export const channelActivityQuery = z.object({
  ids: z
    .string()
    .max(MAX_ACTIVITY_IDS * 37, `at most ${MAX_ACTIVITY_IDS} channel ids`)
    .transform((text) => [...new Set(text.split(',').map((id) => id.trim()))])
    .pipe(
      z
        .array(z.uuid('each id must be a UUID'))
        .min(1, 'name at least one channel')
        .max(MAX_ACTIVITY_IDS, `at most ${MAX_ACTIVITY_IDS} channels per request`),
    )
    .describe(`channel ids separated by commas (at most ${MAX_ACTIVITY_IDS}); unknown ids are left out`),
});

export const channelActivitySchema = z.object({
  channel_id: z.uuid(),
  health: channelHealthSchema,
  held_until: z.string().nullable(),
  last_24h: z.object({
    messages: z.number().int().describe('messages created in the last 24 hours'),
    succeeded: z.number().int().describe('of those, sent or delivered'),
    failed: z.number().int().describe('of those, failed, dead or bounced'),
    success_rate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('succeeded / (succeeded + failed); null when none'),
  }),
  recent: z
    .object({
      finished: z.number().int(),
      failed: z.number().int(),
      retrying: z.number().int(),
      last_status: z.string().nullable().describe('status of the newest finished message'),
    })
    .describe(`the channel's ${RECENT_MESSAGES} newest messages, whenever created`),
  last_error: z.string().nullable().describe(`the newest error among the ${RECENT_MESSAGES} newest messages`),
  last_error_at: z.string().nullable(),
});
export type ChannelActivity = z.infer<typeof channelActivitySchema>;

export const channelUsageSchema = z.object({
  workflows: z
    .array(
      z.object({
        id: z.uuid(),
        key: z.string(),
        name: z.string(),
        enabled: z.boolean(),
        steps: z.array(z.number().int()).describe('indexes of the send steps naming the channel'),
      }),
    )
    .describe('workflows whose send steps deliver through the channel or fall back to it'),
  alert_rules: z
    .array(z.object({ id: z.uuid(), name: z.string() }))
    .describe('alert rules notifying through the channel or watching it'),
  fallback_for: z
    .array(z.object({ id: z.uuid(), name: z.string() }))
    .describe('channels falling back to this one (their fallback is cleared when it is deleted)'),
  in_flight: z.number().int().describe('messages queued or retrying through the channel now'),
  deletable: z.boolean().describe('false while workflows or alert rules name the channel'),
});
export type ChannelUsage = z.infer<typeof channelUsageSchema>;
