import { type AuditEntry, actorColumns } from '../audit/log';
import { schema, type Tx } from '../db';
import { channelNamesById, channelRefs } from './channel-refs';
import type { Step } from './schemas';

type WorkflowRow = typeof schema.workflows.$inferSelect;
type Actor = Pick<AuditEntry, 'principal' | 'requestId'>;

/**
 * Keeps the definition `row` holds after a save as version `row.version`. Call it in the save's transaction,
 * after the insert or update that returned `row`: the update's row lock orders concurrent saves, so each
 * gets its own number.
 */
export async function recordVersion(
  tx: Tx,
  row: WorkflowRow,
  actor: Actor,
  restoredFrom: number | null = null,
): Promise<void> {
  const steps = row.steps as Step[];
  const names = await channelNamesById(
    channelRefs(steps).map((ref) => ref.id),
    tx,
  );
  await tx.insert(schema.workflowVersions).values({
    workflowId: row.id,
    version: row.version,
    name: row.name,
    description: row.description,
    steps,
    enabled: row.enabled,
    channelNames: Object.fromEntries(names),
    restoredFrom,
    ...actorColumns(actor.principal),
  });
}
