import { boolean, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { workflows } from './workflows';

/**
 * Every saved definition of a workflow: one row per save (create, update, restore), written in the save's
 * transaction. `version` equals `workflows.version` after that save, so a run's `workflow_version` names the
 * definition it started on.
 */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    steps: jsonb('steps').$type<unknown[]>().notNull(),
    enabled: boolean('enabled').notNull(),
    /** Channel id → name for the channels the steps used when saved, so a restore refused for a deleted one can name it. */
    channelNames: jsonb('channel_names').$type<Record<string, string>>().notNull().default({}),
    /** Set when this version was made by restoring an older one. */
    restoredFrom: integer('restored_from'),
    /** Who saved it, as in audit_log: user, api_key or system. */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.version] })],
);
