import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

export const triggerType = pgEnum('trigger_type', ['event', 'api', 'webhook', 'schedule', 'poll']);

export const workflows = pgTable(
  'workflows',
  {
    id: id(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Ordered steps (send | delay | digest | condition), validated by the workflow zod schema. */
    steps: jsonb('steps').$type<unknown[]>().notNull().default([]),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('workflows_key_key').on(t.key)],
);

export const triggers = pgTable(
  'triggers',
  {
    id: id(),
    name: text('name').notNull(),
    type: triggerType('type').notNull(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    /** Type-specific settings plus `filter`; secrets (webhook signing keys, SASL passwords) encrypted. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('triggers_workflow_idx').on(t.workflowId),
    index('triggers_type_enabled_idx').on(t.type, t.enabled),
  ],
);
