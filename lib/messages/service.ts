import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PageRequest } from '../api/pagination';
import { type Db, schema } from '../db';
import { withRead } from '../db/replicas';
import { deliveryJobs } from '../delivery/jobs';
import type { EngineDeps } from '../deps';
import { AppError } from '../errors';
import { QUEUES } from '../queue/queues';
import { messageConditions, positionCondition, positionOrder } from './list-query';
import type { MessageFilter, MessageView } from './schemas';
import { searchMessageRows } from './search';
import { effectiveStatus, REDRIVEN } from './status';

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
    provider_message_id: row.providerMessageId,
    started_at: row.startedAt.toISOString(),
  };
}

// The list's SQL (conditions, search, keyset) is in list-query.ts; bulk.ts builds its selections from it too.
export { messageConditions };

/**
 * The rows of a page of the Messages list (`PageRequest`, for `listPage()`: newest first, oldest first before
 * `before`), from a replica when one is healthy (lib/db/replicas.ts); `database` pins a pool (tests, tools).
 * Every filter reads an index in the list's order (list-query.ts); a search runs in two bounded phases (search.ts).
 */
export async function listMessages(
  filter: MessageFilter,
  page: PageRequest,
  database?: Db,
): Promise<MessageView[]> {
  const { q } = filter;
  const read = async (d: Db) =>
    q
      ? searchMessageRows(d, { ...filter, q }, page)
      : d
          .select()
          .from(m)
          .where(and(...messageConditions(filter), positionCondition(page)))
          .orderBy(...positionOrder(page))
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

/**
 * Re-drives one dead or failed message: back to `queued` with a fresh attempt budget, job in the same commit.
 * Bulk re-drive and discard are in bulk.ts.
 */
export async function retryMessage(id: string, deps: EngineDeps): Promise<MessageView> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(m)
      .set(REDRIVEN)
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
