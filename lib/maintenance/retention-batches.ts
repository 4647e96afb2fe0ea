import type pg from 'pg';
import { type Statement, transaction } from '../db/sql';

/*
 * One batch per statement, each in a transaction of its own: the rows are picked oldest first with
 * FOR UPDATE SKIP LOCKED, so a row a worker holds (a message being settled, a run being continued) is left for
 * the next run instead of waited for, and locks last as long as one batch. Each statement returns how many
 * rows it removed per table.
 */

/** Messages that reached a final state and are not claimed; their attempts go with them (ON DELETE CASCADE). */
export const deleteMessages: Statement = {
  name: 'retention_delete_messages',
  text: `WITH picked AS (
           SELECT id FROM messages
            WHERE created_at < $1
              AND status IN ('sent', 'delivered', 'failed', 'dead', 'bounced', 'discarded')
              AND claimed_by IS NULL
            ORDER BY created_at
            LIMIT $2
              FOR UPDATE SKIP LOCKED),
         gone AS (DELETE FROM messages m USING picked WHERE m.id = picked.id RETURNING m.id)
         SELECT (SELECT count(*) FROM gone)::int AS messages,
                -- the statement's snapshot still sees the attempts the cascade removes at its end
                (SELECT count(*) FROM message_attempts a WHERE a.message_id IN (SELECT id FROM gone))::int
                  AS message_attempts`,
};

/** Finished runs that no message points at any more (theirs were deleted above, or they sent nothing). */
export const deleteRuns: Statement = {
  name: 'retention_delete_runs',
  text: `WITH picked AS (
           SELECT r.id FROM workflow_runs r
            WHERE r.created_at < $1
              AND r.status IN ('completed', 'failed', 'cancelled')
              AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.run_id = r.id)
            ORDER BY r.created_at
            LIMIT $2
              FOR UPDATE SKIP LOCKED),
         gone AS (DELETE FROM workflow_runs r USING picked WHERE r.id = picked.id RETURNING r.id)
         SELECT count(*)::int AS workflow_runs FROM gone`,
};

/** Events, valid or not; runs still pointing at one keep their own copy of its data (event_id becomes null). */
export const deleteEvents: Statement = {
  name: 'retention_delete_events',
  text: `WITH picked AS (
           SELECT id FROM events
            WHERE created_at < $1
            ORDER BY created_at
            LIMIT $2
              FOR UPDATE SKIP LOCKED),
         gone AS (DELETE FROM events e USING picked WHERE e.id = picked.id RETURNING e.id)
         SELECT count(*)::int AS events FROM gone`,
};

/** Runs one batch; a batch waits at most 5 s for a lock and 60 s in all, so it never holds a table for long. */
export async function deleteBatch(
  pool: pg.Pool,
  statement: Statement,
  cutoff: Date,
  batchSize: number,
): Promise<Record<string, number>> {
  return transaction(pool, async (client) => {
    await client.query(`SET LOCAL lock_timeout = '5s'`);
    await client.query(`SET LOCAL statement_timeout = '60s'`);
    const { rows } = await client.query<Record<string, number>>({
      name: statement.name,
      text: statement.text,
      values: [cutoff, batchSize],
    });
    return rows[0] ?? {};
  });
}
