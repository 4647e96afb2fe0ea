import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

/**
 * An alert rule: a condition over the pipeline's state (kind + params), evaluated by one leader worker per
 * interval, notifying through the listed channels. `state` and the timestamps are the evaluator's memory.
 */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: id(),
    name: text('name').notNull(),
    /** channel_error_rate | dead_letters | consumer_disconnected | no_live_worker | queue_depth */
    kind: text('kind').notNull(),
    /** The kind's parameters (threshold, window, minimum volume, the channel or trigger watched…), zod-validated. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    /** Channels the notification goes through, in order. */
    notifyChannelIds: jsonb('notify_channel_ids').$type<string[]>().notNull().default([]),
    /** The recipient for notify channels that need one (an e-mail address, a phone number). */
    notifyTo: text('notify_to'),
    cooldownMinutes: integer('cooldown_minutes').notNull().default(30),
    enabled: boolean('enabled').notNull().default(true),
    /** ok | firing */
    state: text('state').notNull().default('ok'),
    lastValue: doublePrecision('last_value'),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }),
    firingSince: timestamp('firing_since', { withTimezone: true }),
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('alert_rules_enabled_idx').on(t.enabled)],
);

/** What an alert rule did: fired, re-notified, resolved; with each channel's outcome (sent, failed, skipped and why). */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: id(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    /** firing | resolved | suppressed */
    kind: text('kind').notNull(),
    value: doublePrecision('value'),
    summary: text('summary').notNull(),
    /** [{channel_id, status: sent|failed|skipped, detail}] */
    notifications: jsonb('notifications').$type<Record<string, unknown>[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('alert_events_rule_created_idx').on(t.ruleId, t.createdAt.desc())],
);
