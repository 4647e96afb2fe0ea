import {
  bigint,
  bigserial,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { triggers } from './workflows';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    /** What changed, with secret values masked. */
    changes: jsonb('changes').$type<Record<string, unknown>>(),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt.desc()),
    index('audit_log_resource_idx').on(t.resourceType, t.resourceId),
  ],
);

export const workerHeartbeats = pgTable(
  'worker_heartbeats',
  {
    workerId: text('worker_id').primaryKey(),
    hostname: text('hostname').notNull(),
    pid: bigint('pid', { mode: 'number' }).notNull(),
    version: text('version'),
    state: text('state').notNull().default('running'),
    info: jsonb('info').$type<Record<string, unknown>>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('worker_heartbeats_last_seen_idx').on(t.lastSeenAt)],
);

export const consumerStatus = pgTable(
  'consumer_status',
  {
    triggerId: uuid('trigger_id')
      .notNull()
      .references(() => triggers.id, { onDelete: 'cascade' }),
    workerId: text('worker_id').notNull(),
    state: text('state').notNull(),
    /** When `state` last changed: how long a consumer has been disconnected (alert rules). */
    stateSince: timestamp('state_since', { withTimezone: true }).notNull().defaultNow(),
    lag: bigint('lag', { mode: 'number' }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.triggerId, t.workerId] })],
);

/** Each run of a maintenance task (retention): when, what it removed, and how it ended. */
export const maintenanceRuns = pgTable(
  'maintenance_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    task: text('task').notNull(),
    workerId: text('worker_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Rows removed per table, e.g. {events: 1200, messages: 5400}. */
    deleted: jsonb('deleted').$type<Record<string, number>>().notNull().default({}),
    error: text('error'),
  },
  (t) => [index('maintenance_runs_task_started_idx').on(t.task, t.startedAt.desc())],
);
