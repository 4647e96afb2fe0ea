import { and, asc, inArray, sql } from 'drizzle-orm';
import type { Principal } from '../api/principal';
import { audit } from '../audit/log';
import { type Db, schema, type Tx } from '../db';
import { withRead } from '../db/replicas';
import { deliveryJobs } from '../delivery/jobs';
import type { EngineDeps } from '../deps';
import { QUEUES } from '../queue/queues';
import { BULK_STATUSES, type BulkSelection } from './bulk-schemas';
import type { MessageFilter } from './schemas';
import { messageConditions } from './service';
import { REDRIVEN } from './status';

const m = schema.messages;
const DEFAULT_LIMIT = 1000;
/** The audit entry lists at most this many of the message ids it acted on (and always the count). */
const AUDITED_IDS = 1000;

interface Actor {
  principal: Principal | null;
  requestId?: string;
}
interface Picked {
  rows: { id: string; channelId: string | null }[];
  skipped?: { id: string; status: string | null }[];
}

/**
 * The messages a selection takes, locked for the caller's update. Explicit ids wait for a message being settled;
 * a filter skips locked rows (a message a worker holds is not dead). Only dead and failed messages qualify.
 */
async function pick(tx: Tx, selection: BulkSelection): Promise<Picked> {
  if (selection.ids) {
    const ids = [...new Set(selection.ids)];
    const found = await tx
      .select({ id: m.id, channelId: m.channelId, status: m.status })
      .from(m)
      .where(inArray(m.id, ids))
      .orderBy(asc(m.createdAt))
      .for('update');
    const eligible = found.filter((row) => (BULK_STATUSES as readonly string[]).includes(row.status));
    const statusOf = new Map(found.map((row) => [row.id, row.status as string]));
    const skipped = ids
      .filter((id) => !eligible.some((row) => row.id === id))
      .map((id) => ({ id, status: statusOf.get(id) ?? null }));
    return { rows: eligible, skipped };
  }
  const where = messageConditions({
    ...selection,
    status: undefined,
    statuses: selection.status ?? ['dead'],
  });
  const rows = await tx
    .select({ id: m.id, channelId: m.channelId })
    .from(m)
    .where(and(...where))
    .orderBy(asc(m.createdAt))
    .limit(selection.limit ?? DEFAULT_LIMIT)
    .for('update', { skipLocked: true });
  return { rows };
}

/** What the audit entry says about the selection: the ids asked for, or the filter. */
function selectionOf({ reason, ...selection }: BulkSelection): Record<string, unknown> {
  if (selection.ids) return { ids: selection.ids };
  return { filter: { status: ['dead'], limit: DEFAULT_LIMIT, ...selection } };
}

async function record(
  tx: Tx,
  action: 'message.redrive' | 'message.discard',
  selection: BulkSelection,
  picked: Picked,
  actor: Actor,
) {
  const ids = picked.rows.map((row) => row.id);
  await audit(
    {
      ...actor,
      action,
      resourceType: 'message',
      resourceId: ids.length === 1 ? ids[0] : null,
      changes: {
        ...(selection.reason ? { reason: selection.reason } : {}),
        ...selectionOf(selection),
        count: ids.length,
        message_ids: ids.slice(0, AUDITED_IDS),
        ...(picked.skipped?.length ? { skipped: picked.skipped.length } : {}),
      },
    },
    tx,
  );
}

/** Dead (or failed) messages back to `queued` with a fresh attempt budget; their delivery jobs in the same commit. */
export async function redriveSelected(selection: BulkSelection, deps: EngineDeps, actor: Actor) {
  return deps.db.transaction(async (tx) => {
    const picked = await pick(tx, selection);
    const ids = picked.rows.map((row) => row.id);
    if (ids.length > 0) {
      await tx.update(m).set(REDRIVEN).where(inArray(m.id, ids));
      await deps.queue.enqueue(tx, QUEUES.deliver, deliveryJobs(picked.rows));
    }
    await record(tx, 'message.redrive', selection, picked, actor);
    return { redriven: ids.length, ...(picked.skipped ? { skipped: picked.skipped } : {}) };
  });
}

/** Dead (or failed) messages to `discarded`: final, kept for the record, never sent; the reason is audited. */
export async function discardSelected(selection: BulkSelection, database: Db, actor: Actor) {
  return database.transaction(async (tx) => {
    const picked = await pick(tx, selection);
    const ids = picked.rows.map((row) => row.id);
    if (ids.length > 0) {
      await tx
        .update(m)
        .set({ status: 'discarded', nextAttemptAt: null, claimedBy: null })
        .where(inArray(m.id, ids));
    }
    await record(tx, 'message.discard', selection, picked, actor);
    return { discarded: ids.length, ...(picked.skipped ? { skipped: picked.skipped } : {}) };
  });
}

/** How many messages match the list's filter, counting no further than `limit`. */
export async function countMessages(filter: MessageFilter, limit: number, database?: Db) {
  const read = async (d: Db) => {
    const matching = d
      .select({ one: sql`1` })
      .from(m)
      .where(and(...messageConditions(filter)))
      .limit(limit + 1)
      .as('matching');
    const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(matching);
    return row?.n ?? 0;
  };
  const n = database ? await read(database) : await withRead(read);
  return { count: Math.min(n, limit), capped: n > limit };
}
