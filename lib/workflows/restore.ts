import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditEntry } from '../audit/log';
import { audit } from '../audit/log';
import { changeConfig } from '../cache/config-change';
import { type Db, db as defaultDb, schema } from '../db';
import { AppError, type FieldError, fieldErrors } from '../errors';
import { withAttachmentDetails } from '../files/references';
import { assertBodiesFitFormats } from './body-format-check';
import { channelNamesById, channelRefs } from './channel-refs';
import { recordVersion } from './record-version';
import { type Step, stepSchema, type WorkflowView } from './schemas';
import { requireWorkflow, toWorkflowView } from './service';
import { getVersion, type VersionRow } from './versions';

type Actor = Pick<AuditEntry, 'principal' | 'requestId'>;

/**
 * Saves version `version`'s name, description and steps as a new version (restoring never rewrites history).
 * `enabled` stays as it is now: switching a workflow on or off is an operational decision, and restoring an
 * old definition should not silently start (or stop) sending. The old steps go through the checks of any
 * save; a channel deleted since is a 409 naming it.
 */
export async function restoreWorkflowVersion(
  ref: string,
  version: number,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<WorkflowView> {
  const old = await getVersion(ref, version, database);
  const steps = parseSteps(old);
  await assertChannelsStillExist(old, steps, database);
  await assertBodiesFitFormats(steps, database);
  return changeConfig(database, async (tx) => {
    const existing = await requireWorkflow(old.workflowId, tx);
    const withFiles = await withAttachmentDetails(steps, tx);
    const [row] = await tx
      .update(schema.workflows)
      .set({
        name: old.name,
        description: old.description,
        steps: withFiles,
        version: sql`${schema.workflows.version} + 1`,
      })
      .where(eq(schema.workflows.id, existing.id))
      .returning();
    if (!row) throw new AppError('not_found', `no workflow with key or id "${ref}"`);
    await recordVersion(tx, row, actor, old.version);
    await audit(
      {
        ...actor,
        action: 'workflow.restore',
        resourceType: 'workflow',
        resourceId: row.id,
        changes: {
          restored_version: old.version,
          version: row.version,
          name: old.name,
          description: old.description,
          steps: withFiles,
        },
      },
      tx,
    );
    return toWorkflowView(row);
  });
}

/** Steps were valid when saved; a step type or field that has changed since is named rather than saved. */
function parseSteps(old: VersionRow): Step[] {
  const parsed = z.array(stepSchema).safeParse(old.steps);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error, 'steps');
  throw new AppError(
    'invalid',
    `version ${old.version} no longer passes validation: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    errors,
  );
}

async function assertChannelsStillExist(old: VersionRow, steps: Step[], database: Db): Promise<void> {
  const refs = channelRefs(steps);
  const existing = await channelNamesById(
    refs.map((ref) => ref.id),
    database,
  );
  const errors: FieldError[] = refs
    .filter((ref) => !existing.has(ref.id))
    .map((ref) => {
      const name = old.channelNames[ref.id];
      return {
        path: ref.path,
        message: `channel ${name ? `"${name}" (${ref.id})` : ref.id} no longer exists`,
      };
    });
  if (errors.length === 0) return;
  throw new AppError(
    'conflict',
    `version ${old.version} cannot be restored: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')} (edit the workflow to send through another channel instead)`,
    errors,
  );
}
