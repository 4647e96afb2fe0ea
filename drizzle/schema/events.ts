import { sql } from 'drizzle-orm';
import {
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
import { createdAt, id } from './columns';
import { triggers, workflows } from './workflows';

export const eventSource = pgEnum('event_source', [
  'kafka',
  'rabbitmq',
  'api',
  'webhook',
  'schedule',
  'poll',
]);
export const eventStatus = pgEnum('event_status', ['accepted', 'invalid']);
export const runStatus = pgEnum('run_status', ['running', 'waiting', 'completed', 'failed', 'cancelled']);

export const events = pgTable(
  'events',
  {
    id: id(),
    source: eventSource('source').notNull(),
    /** Broker coordinates or Idempotency-Key; unique per source so a redelivery creates no second event. */
    sourceId: text('source_id'),
    triggerId: uuid('trigger_id').references(() => triggers.id, { onDelete: 'set null' }),
    eventType: text('event_type'),
    payload: jsonb('payload').$type<unknown>(),
    /** The undecodable original, kept for `invalid` events so nothing is lost. */
    raw: text('raw'),
    status: eventStatus('status').notNull().default('accepted'),
    error: text('error'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    receivedAt: createdAt().$default(() => new Date()),
  },
  (t) => [
    uniqueIndex('events_source_id_key').on(t.source, t.sourceId),
    index('events_received_at_idx').on(t.receivedAt.desc()),
    index('events_type_received_idx').on(t.eventType, t.receivedAt.desc()),
    index('events_invalid_idx').on(t.receivedAt.desc()).where(sql`${t.status} = 'invalid'`),
  ],
);

export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: id(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    workflowVersion: integer('workflow_version').notNull(),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    triggerId: uuid('trigger_id').references(() => triggers.id, { onDelete: 'set null' }),
    status: runStatus('status').notNull().default('running'),
    data: jsonb('data').$type<unknown>(),
    recipient: jsonb('recipient').$type<unknown>(),
    currentStep: integer('current_step').notNull().default(0),
    /** The workflow's steps when the run started, so editing a workflow never changes runs in flight. */
    steps: jsonb('steps').$type<unknown[]>().notNull().default([]),
    /** Set while the run waits in a digest step: runs with the same key are collected into one. */
    digestKey: text('digest_key'),
    /** Run-scoped state, e.g. the events a digest collected. */
    context: jsonb('context').$type<Record<string, unknown>>(),
    error: text('error'),
    startedAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('workflow_runs_workflow_started_idx').on(t.workflowId, t.startedAt.desc()),
    index('workflow_runs_event_idx').on(t.eventId),
    index('workflow_runs_status_idx').on(t.status, t.startedAt.desc()),
    index('workflow_runs_digest_idx').on(t.workflowId, t.digestKey).where(sql`${t.digestKey} IS NOT NULL`),
  ],
);

/**
 * Each replay of an event through its triggers (POST /api/v1/events/:id/replay): the runs it started, and the
 * request's Idempotency-Key, unique per event, so a repeated request starts nothing new.
 */
export const eventReplays = pgTable(
  'event_replays',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key'),
    /** `[{workflow_id, run_id}]` as answered. */
    runs: jsonb('runs').$type<{ workflow_id: string; run_id: string }[]>().notNull().default([]),
    actorLabel: text('actor_label'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('event_replays_event_key_key').on(t.eventId, t.idempotencyKey),
    index('event_replays_event_idx').on(t.eventId, t.createdAt.desc()),
  ],
);
