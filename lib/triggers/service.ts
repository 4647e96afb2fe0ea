import { and, eq, inArray, sql } from 'drizzle-orm';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import { created, deleted, updated, withoutBookkeeping } from '../audit/changes';
import { type AuditEntry, audit } from '../audit/log';
import { changeConfig } from '../cache/config-change';
import { type Db, db as defaultDb, schema, type Tx } from '../db';
import { AppError } from '../errors';
import { matches } from '../workflows/filters';
import { eventDocument, type TriggerEvent } from './event-document';
import { consumerIsCurrent } from './runtime/status';
import {
  type CreateTriggerInput,
  type TriggerStatusView,
  type TriggerType,
  type TriggerView,
  triggerConfigSchemas,
  type UpdateTriggerInput,
  unavailableTypeMessage,
} from './schemas';
import { sealTriggerConfig } from './secrets';
import { toTriggerView } from './view';

export type { TriggerEvent } from './event-document';
export { findMatchingApiTriggers, type TriggerMatch } from './matching';

type Actor = Pick<AuditEntry, 'principal' | 'requestId'>;

export async function listTriggers(
  options: PageRequest & { workflowId?: string; type?: TriggerType },
  database: Db = defaultDb(),
): Promise<TriggerView[]> {
  const { triggers } = schema;
  const rows = await database
    .select()
    .from(triggers)
    .where(
      and(
        options.workflowId ? eq(triggers.workflowId, options.workflowId) : undefined,
        options.type ? eq(triggers.type, options.type) : undefined,
        pageCondition(triggers.createdAt, triggers.id, options),
      ),
    )
    .orderBy(...pageOrder(triggers.createdAt, triggers.id, options))
    .limit(options.limit);
  const status = await consumerStatusOf(
    rows.map((r) => r.id),
    database,
  );
  return rows.map((row) => toTriggerView(row, status.get(row.id)));
}

export async function getTrigger(id: string, database: Db = defaultDb()): Promise<TriggerView> {
  const [row] = await database.select().from(schema.triggers).where(eq(schema.triggers.id, id));
  if (!row) throw notFound(id);
  return toTriggerView(row, (await consumerStatusOf([id], database)).get(id));
}

export async function createTrigger(
  input: CreateTriggerInput,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<TriggerView> {
  return changeConfig(database, async (tx) => {
    await lockWorkflow(tx, input.workflow_id);
    const [row] = await tx
      .insert(schema.triggers)
      .values({
        name: input.name,
        type: input.type,
        workflowId: input.workflow_id,
        enabled: input.enabled,
        config: sealTriggerConfig(input.type, input.config),
      })
      .returning();
    await notifyTriggerChange(tx, row!.id);
    const view = toTriggerView(row!);
    await audit(
      { ...actor, action: 'trigger.create', ...target(row!.id), changes: created(auditable(view)) },
      tx,
    );
    return view;
  });
}

/** Partial update; bumps `version`, which also retires the trigger's cached compiled filter. */
export async function updateTrigger(
  id: string,
  patch: UpdateTriggerInput,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<TriggerView> {
  return changeConfig(database, async (tx) => {
    const [existing] = await tx
      .select()
      .from(schema.triggers)
      .where(eq(schema.triggers.id, id))
      .for('update');
    if (!existing) throw notFound(id);
    if (patch.workflow_id) await lockWorkflow(tx, patch.workflow_id);
    const config = patch.config ? configFor(existing.type, patch.config, existing.config) : undefined;
    const [row] = await tx
      .update(schema.triggers)
      .set({
        name: patch.name,
        enabled: patch.enabled,
        workflowId: patch.workflow_id,
        config,
        version: sql`${schema.triggers.version} + 1`,
      })
      .where(eq(schema.triggers.id, id))
      .returning();
    // Workers start, restart or stop the trigger's runtime on this instead of waiting for their next poll.
    await notifyTriggerChange(tx, id);
    const view = toTriggerView(row!);
    await audit(
      {
        ...actor,
        action: 'trigger.update',
        ...target(id),
        changes: updated(auditable(toTriggerView(existing)), auditable(view)),
      },
      tx,
    );
    return view;
  });
}

export async function deleteTrigger(id: string, actor: Actor, database: Db = defaultDb()): Promise<void> {
  await changeConfig(database, async (tx) => {
    const [row] = await tx
      .delete(schema.triggers)
      .where(eq(schema.triggers.id, id))
      .returning({ name: schema.triggers.name });
    if (!row) throw notFound(id);
    await notifyTriggerChange(tx, id);
    await audit(
      { ...actor, action: 'trigger.delete', ...target(id), changes: deleted({ name: row.name }) },
      tx,
    );
  });
}

/** Whether a filter matches a sample event, evaluated exactly as live matching does. */
export function testFilter(filter: Record<string, unknown>, event: TriggerEvent): boolean {
  return matches(filter, eventDocument(event));
}

/**
 * The workflow must exist; `FOR SHARE` keeps it from being deleted until this transaction commits, so the
 * foreign key cannot fail later with a 500.
 */
async function lockWorkflow(tx: Tx, workflowId: string): Promise<void> {
  const [row] = await tx
    .select({ id: schema.workflows.id })
    .from(schema.workflows)
    .where(eq(schema.workflows.id, workflowId))
    .for('share');
  if (!row)
    throw new AppError('invalid', `workflow_id: no workflow with id ${workflowId}`, [
      { path: 'workflow_id', message: `no workflow with id ${workflowId}` },
    ]);
}

/** A new config must fit the trigger's own type, which the request body alone does not tell. */
function configFor(
  type: TriggerType,
  config: unknown,
  previous: Record<string, unknown>,
): Record<string, unknown> {
  if (!triggerConfigSchemas[type])
    throw new AppError('invalid', unavailableTypeMessage(type), [
      { path: 'config', message: unavailableTypeMessage(type) },
    ]);
  return sealTriggerConfig(type, config, previous);
}

function notFound(id: string): AppError {
  return new AppError('not_found', `no trigger with id ${id}`);
}

function target(id: string) {
  return { resourceType: 'trigger', resourceId: id };
}

/** Wakes every worker's trigger manager when the change commits (NOTIFY is transactional). */
async function notifyTriggerChange(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`SELECT pg_notify('switchboard_triggers', ${id})`);
}

/** Each worker's consumer state for these triggers; rows not refreshed for 2 minutes are marked not current. */
export async function consumerStatusOf(
  ids: string[],
  database: Db = defaultDb(),
): Promise<Map<string, TriggerStatusView[]>> {
  const byTrigger = new Map<string, TriggerStatusView[]>();
  if (ids.length === 0) return byTrigger;
  const cs = schema.consumerStatus;
  const rows = await database
    .select({ row: cs, current: consumerIsCurrent })
    .from(cs)
    .where(inArray(cs.triggerId, ids))
    .orderBy(cs.workerId);
  for (const { row, current } of rows) {
    const list = byTrigger.get(row.triggerId) ?? [];
    list.push({
      worker_id: row.workerId,
      state: row.state as TriggerStatusView['state'],
      lag: row.lag,
      last_message_at: row.lastMessageAt?.toISOString() ?? null,
      last_error: row.lastError,
      updated_at: row.updatedAt.toISOString(),
      current: Boolean(current),
    });
    byTrigger.set(row.triggerId, list);
  }
  return byTrigger;
}

/** What the audit log keeps of a trigger: the masked view without bookkeeping and consumer status. */
function auditable(view: TriggerView) {
  const { status, ...rest } = withoutBookkeeping(view);
  return rest;
}
