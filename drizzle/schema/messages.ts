import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { channels } from './channels';
import { createdAt, id, tsvector, updatedAt } from './columns';
import { workflowRuns } from './events';
import { workflows } from './workflows';

export const messageStatus = pgEnum('message_status', [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'retrying',
  'dead',
  'bounced',
  // An operator gave up on a dead or failed message (bulk discard, with a reason in the audit log): final,
  // kept for the record, never sent.
  'discarded',
]);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    runId: uuid('run_id').references(() => workflowRuns.id, { onDelete: 'set null' }),
    workflowId: uuid('workflow_id').references(() => workflows.id, { onDelete: 'set null' }),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    stepIndex: integer('step_index'),
    /** The send step's fallback; the channel's own fallback applies when this is null. */
    fallbackChannelId: uuid('fallback_channel_id').references(() => channels.id, { onDelete: 'set null' }),
    /** For a fallback message: the message whose failure caused it. */
    fallbackOfId: uuid('fallback_of_id').references((): AnyPgColumn => messages.id, { onDelete: 'set null' }),
    recipient: text('recipient').notNull().default(''),
    subject: text('subject'),
    body: text('body'),
    html: text('html'),
    /** Provider-specific rendered extras (blocks, data, attachments). */
    content: jsonb('content').$type<Record<string, unknown>>(),
    status: messageStatus('status').notNull().default('queued'),
    /** Deterministic per run, step and recipient: the guard against sending twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    providerMessageId: text('provider_message_id'),
    attemptCount: integer('attempt_count').notNull().default(0),
    /** The worker sending it while `sending`: another worker takes over once that worker's heartbeat stops. */
    claimedBy: text('claimed_by'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /**
     * Since when the provider has answered this message with rate limits (429) in a row: such answers are not
     * counted as attempts until RATE_LIMIT_MAX_WAIT_SECONDS have passed. Null otherwise.
     */
    rateLimitedSince: timestamp('rate_limited_since', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(recipient, '') || ' ' || coalesce(subject, '') || ' ' || coalesce(body, ''))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('messages_idempotency_key_key').on(t.idempotencyKey),
    // The list's order (created_at, id), then channel and status: the stats count a window's messages by bucket,
    // channel and status from this index alone (an index-only scan; lib/stats/queries.ts). Both columns are
    // indexed elsewhere already, so a settle (which changes status) was never heap-only and writes no more entries.
    index('messages_created_at_idx').on(t.createdAt.desc(), t.id.desc(), t.channelId, t.status),
    index('messages_status_created_idx').on(t.status, t.createdAt.desc()),
    index('messages_channel_created_idx').on(t.channelId, t.createdAt.desc()),
    index('messages_workflow_created_idx').on(t.workflowId, t.createdAt.desc()),
    index('messages_run_idx').on(t.runId),
    index('messages_provider_message_idx').on(t.providerMessageId),
    index('messages_search_idx').using('gin', t.search),
  ],
);

export const messageAttempts = pgTable(
  'message_attempts',
  {
    id: id(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    /** `attempt` for a delivery try; provider events (delivered, opened, bounced…) share the timeline. */
    kind: text('kind').notNull().default('attempt'),
    outcome: text('outcome').notNull(),
    responseCode: integer('response_code'),
    error: text('error'),
    requestSummary: jsonb('request_summary').$type<Record<string, unknown>>(),
    responseSummary: jsonb('response_summary').$type<Record<string, unknown>>(),
    durationMs: integer('duration_ms'),
    /** What the provider called the message in this attempt's answer (or the status event's), if it named it. */
    providerMessageId: text('provider_message_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_attempts_message_idx').on(t.messageId, t.startedAt),
    // Error rates over a recent window (alert rules) read attempts by time. BRIN, not btree: attempts are
    // appended in time order, so block range summaries skip the old ones, and an insert into a range not yet
    // summarised writes nothing to the index (a btree here cost ~5 % of delivery throughput, docs/benchmarks.md).
    // autosummarize: each range is summarised as soon as it fills, not at the next vacuum.
    index('message_attempts_started_idx').using('brin', t.startedAt).with({ autosummarize: true }),
  ],
);
