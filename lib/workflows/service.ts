import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import { created, deleted, updated, withoutBookkeeping } from '../audit/changes';
import { type AuditEntry, audit } from '../audit/log';
import { changeConfig } from '../cache/config-change';
import { type Db, db as defaultDb, schema, type Tx } from '../db';
import { AppError } from '../errors';
import { withAttachmentDetails } from '../files/references';
import { assertBodiesFitFormats } from './body-format-check';
import { assertChannelsExist } from './channel-refs';
import { recordVersion } from './record-version';
import type { createWorkflowSchema, Step, updateWorkflowSchema, WorkflowView } from './schemas';

type WorkflowRow = typeof schema.workflows.$inferSelect;
type Actor = Pick<AuditEntry, 'principal' | 'requestId'>;
export type CreateWorkflowInput = z.output<typeof createWorkflowSchema>;
export type UpdateWorkflowInput = z.output<typeof updateWorkflowSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toWorkflowView(row: WorkflowRow): WorkflowView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    // Steps were validated by stepSchema when written; they are not re-parsed on every read.
    steps: row.steps as Step[],
    enabled: row.enabled,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listWorkflows(
  options: PageRequest,
  database: Db = defaultDb(),
): Promise<WorkflowView[]> {
  const { workflows } = schema;
  const rows = await database
    .select()
    .from(workflows)
    .where(pageCondition(workflows.createdAt, workflows.id, options))
    .orderBy(...pageOrder(workflows.createdAt, workflows.id, options))
    .limit(options.limit);
  return rows.map(toWorkflowView);
}

/** Finds a workflow by key, or by id when `ref` is a UUID; a key match wins should both exist. */
export async function findWorkflow(
  ref: string,
  database: Db | Tx = defaultDb(),
): Promise<WorkflowRow | undefined> {
  const { workflows } = schema;
  const where: SQL | undefined = UUID.test(ref)
    ? or(eq(workflows.key, ref), eq(workflows.id, ref))
    : eq(workflows.key, ref);
  const [row] = await database
    .select()
    .from(workflows)
    .where(where)
    .orderBy(sql`${workflows.key} = ${ref} desc`)
    .limit(1);
  return row;
}

export async function getWorkflow(ref: string, database: Db = defaultDb()): Promise<WorkflowView> {
  return toWorkflowView(await requireWorkflow(ref, database));
}

export async function createWorkflow(
  input: CreateWorkflowInput,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<WorkflowView> {
  await assertChannelsExist(input.steps, database);
  await assertBodiesFitFormats(input.steps, database);
  return changeConfig(database, async (tx) => {
    const steps = await withAttachmentDetails(input.steps, tx);
    const [row] = await tx
      .insert(schema.workflows)
      .values({
        key: input.key,
        name: input.name,
        description: input.description ?? null,
        steps,
        enabled: input.enabled,
      })
      .onConflictDoNothing({ target: schema.workflows.key })
      .returning();
    if (!row)
      throw new AppError('conflict', `a workflow with key "${input.key}" already exists`, [
        { path: 'key', message: 'already in use' },
      ]);
    await recordVersion(tx, row, actor);
    const view = toWorkflowView(row);
    await audit(
      { ...actor, action: 'workflow.create', ...target(row), changes: created(withoutBookkeeping(view)) },
      tx,
    );
    return view;
  });
}

/**
 * Applies a partial update; every update bumps `version` so runs can tell which definition they started on,
 * and keeps the result in `workflow_versions` (as does create: version 1).
 */
export async function updateWorkflow(
  ref: string,
  patch: UpdateWorkflowInput,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<WorkflowView> {
  if (patch.steps) {
    await assertChannelsExist(patch.steps, database);
    await assertBodiesFitFormats(patch.steps, database);
  }
  return changeConfig(database, async (tx) => {
    const existing = await requireWorkflow(ref, tx);
    const steps = patch.steps ? await withAttachmentDetails(patch.steps, tx) : undefined;
    const [row] = await tx
      .update(schema.workflows)
      .set({ ...patch, ...(steps ? { steps } : {}), version: sql`${schema.workflows.version} + 1` })
      .where(eq(schema.workflows.id, existing.id))
      .returning();
    if (!row) throw notFound(ref);
    await recordVersion(tx, row, actor);
    const view = toWorkflowView(row);
    const changes = updated(withoutBookkeeping(toWorkflowView(existing)), withoutBookkeeping(view));
    await audit({ ...actor, action: 'workflow.update', ...target(row), changes }, tx);
    return view;
  });
}

/** Deletes the workflow; its triggers go with it (ON DELETE CASCADE). */
export async function deleteWorkflow(ref: string, actor: Actor, database: Db = defaultDb()): Promise<void> {
  await changeConfig(database, async (tx) => {
    const existing = await requireWorkflow(ref, tx);
    await tx.delete(schema.workflows).where(eq(schema.workflows.id, existing.id));
    await audit(
      {
        ...actor,
        action: 'workflow.delete',
        ...target(existing),
        changes: deleted({ key: existing.key, name: existing.name }),
      },
      tx,
    );
  });
}

/** The workflow by key or id, or a 404 naming it. */
export async function requireWorkflow(ref: string, database: Db | Tx): Promise<WorkflowRow> {
  const row = await findWorkflow(ref, database);
  if (!row) throw notFound(ref);
  return row;
}

function notFound(ref: string): AppError {
  return new AppError('not_found', `no workflow with key or id "${ref}"`);
}

function target(row: WorkflowRow) {
  return { resourceType: 'workflow', resourceId: row.id };
}
