import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { type Cursor, newestFirst, olderThan } from '../api/pagination';
import { type Db, schema } from '../db';
import { withRead } from '../db/replicas';
import { deliveryJobs } from '../delivery/jobs';
import type { EngineDeps } from '../deps';
import { AppError } from '../errors';
import { QUEUES } from '../queue/queues';
import type { MessageFilter, MessageStatus, MessageView } from './schemas';
import { effectiveStatus, statusCondition } from './status';

const m = schema.messages;
type MessageRow = typeof m.$inferSelect;
type AttemptRow = typeof schema.messageAttempts.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    run_id: row.runId,
    workflow_id: row.workflowId,
    channel_id: row.channelId,
    step_index: row.stepIndex,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    html: row.html,
    status: effectiveStatus(row),
    provider_message_id: row.providerMessageId,
    attempt_count: row.attemptCount,
    next_attempt_at: iso(row.nextAttemptAt),
    last_error: row.lastError,
    fallback_of_id: row.fallbackOfId,
    sent_at: iso(row.sentAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function toAttemptView(row: AttemptRow) {
  return {
    id: row.id,
    attempt: row.attempt,
    kind: row.kind,
    outcome: row.outcome,
    response_code: row.responseCode,
    error: row.error,
    request: row.requestSummary,
    response: row.responseSummary,
    duration_ms: row.durationMs,
    started_at: row.startedAt.toISOString(),
  };
}

export function messageConditions(filter: Partial<MessageFilter> & { statuses?: string[] }): SQL[] {
  const where: SQL[] = [];
  const statuses = filter.status ?? filter.statuses;
  const byStatus = statuses?.length ? statusCondition(statuses as MessageStatus[]) : undefined;
  if (byStatus) where.push(byStatus);
  if (filter.channel_id) where.push(eq(m.channelId, filter.channel_id));
  if (filter.workflow_id) where.push(eq(m.workflowId, filter.workflow_id));
  if (filter.from) where.push(gte(m.createdAt, new Date(filter.from)));
  if (filter.to) where.push(lt(m.createdAt, new Date(filter.to)));
  if (filter.q) where.push(sql`${m.search} @@ websearch_to_tsquery('simple', ${filter.q})`);
  return where;
}

/** Read from a replica when one is healthy (lib/db/replicas.ts); `database` pins a pool (tests, tools). */
export async function listMessages(
  filter: MessageFilter,
  page: { limit: number; cursor?: Cursor },
  database?: Db,
): Promise<MessageView[]> {
  const read = async (d: Db) =>
    d
      .select()
      .from(m)
      .where(and(...messageConditions(filter), olderThan(m.createdAt, m.id, page.cursor)))
      .orderBy(...newestFirst(m.createdAt, m.id))
      .limit(page.limit);
  const rows = database ? await read(database) : await withRead(read);
  return rows.map(toMessageView);
}

async function findMessage(id: string, database: Db) {
  const [row] = await database.select().from(m).where(eq(m.id, id));
  if (!row) return undefined;
  const attempts = await database
    .select()
    .from(schema.messageAttempts)
    .where(eq(schema.messageAttempts.messageId, id))
    .orderBy(asc(schema.messageAttempts.startedAt));
  return { ...toMessageView(row), attempts: attempts.map(toAttemptView) };
}

/**
 * A message with its attempts, from a replica when one is healthy. A message the replica does not have yet
 * (created within its lag) is looked up on the primary before answering 404.
 */
export async function getMessage(id: string, database?: Db) {
  const found = database
    ? await findMessage(id, database)
    : await withRead((d) => findMessage(id, d), { again: (message) => message === undefined });
  if (!found) throw new AppError('not_found', `no message with id ${id}`);
  return found;
}

/** Re-drives one dead or failed message: back to `queued` with a fresh attempt budget, job in the same commit. */
export async function retryMessage(id: string, deps: EngineDeps): Promise<MessageView> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(m)
      .set({ status: 'queued', attemptCount: 0, nextAttemptAt: null, claimedBy: null })
      .where(and(eq(m.id, id), inArray(m.status, ['dead', 'failed'])))
      .returning();
    if (!row) {
      const [existing] = await tx.select({ status: m.status }).from(m).where(eq(m.id, id));
      if (!existing) throw new AppError('not_found', `no message with id ${id}`);
      throw new AppError(
        'conflict',
        `message is ${existing.status}; only dead or failed messages can be retried`,
      );
    }
    await deps.queue.enqueue(tx, QUEUES.deliver, deliveryJobs([{ id: row.id, channelId: row.channelId }]));
    return toMessageView(row);
  });
}

/** Bulk re-drive by filter (dead letters by default), up to `limit` messages, oldest first. */
export async function redriveMessages(
  filter: {
    status: ('dead' | 'failed')[];
    channel_id?: string;
    workflow_id?: string;
    from?: string;
    to?: string;
    limit: number;
  },
  deps: EngineDeps,
): Promise<{ redriven: number }> {
  return deps.db.transaction(async (tx) => {
    const where = messageConditions({ ...filter, status: undefined, statuses: filter.status });
    const picked = tx
      .select({ id: m.id })
      .from(m)
      .where(and(...where))
      .orderBy(asc(m.createdAt))
      .limit(filter.limit)
      .for('update', { skipLocked: true });
    const rows = await tx
      .update(m)
      .set({ status: 'queued', attemptCount: 0, nextAttemptAt: null, claimedBy: null })
      .where(inArray(m.id, picked))
      .returning({ id: m.id, channelId: m.channelId });
    await deps.queue.enqueue(
      tx,
      QUEUES.deliver,
      deliveryJobs(rows.map((r) => ({ id: r.id, channelId: r.channelId }))),
    );
    return { redriven: rows.length };
  });
}
