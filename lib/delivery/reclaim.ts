import { run, transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { env } from '../env';
import { logger } from '../logger';
import { QUEUES } from '../queue/queues';
import { deliveryJobs } from './jobs';

/**
 * Messages left claimed (`sending`) by a worker whose heartbeat stopped (killed, frozen, cut off) go back to `retrying`
 * with a fresh delivery job, so they are sent again within seconds of the heartbeat going stale instead of
 * waiting for the dead worker's jobs to expire. Their attempt stays counted: it may have reached the provider,
 * which sees the same idempotency key (webhook-id, Message-ID) again.
 */
const RECLAIM = {
  name: 'sb_reclaim_messages',
  text: `WITH orphaned AS (
           SELECT m.id FROM messages m
           WHERE m.status IN ('queued', 'retrying', 'sending') AND m.claimed_by IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h
                             WHERE h.worker_id = m.claimed_by AND h.state <> 'stopped'
                               AND h.last_seen_at > now() - make_interval(secs => $1))
           FOR UPDATE SKIP LOCKED
           LIMIT 1000)
         UPDATE messages m SET status = 'retrying', claimed_by = NULL, updated_at = now()
         FROM orphaned WHERE m.id = orphaned.id
         RETURNING m.id, m.channel_id`,
};

export async function reclaimOrphanedMessages(deps: EngineDeps): Promise<number> {
  return transaction(deps.db.$client, async (client) => {
    const { rows } = await run<{ id: string; channel_id: string | null }>(client, RECLAIM, [
      env().WORKER_HEARTBEAT_SECONDS * 3,
    ]);
    await deps.queue.enqueue(
      client,
      QUEUES.deliver,
      deliveryJobs(rows.map((r) => ({ id: r.id, channelId: r.channel_id }))),
    );
    if (rows.length)
      logger.warn({ count: rows.length }, 'took over messages claimed by a worker that stopped');
    return rows.length;
  });
}

/** Looks for orphaned messages every WORKER_HEARTBEAT_SECONDS in this worker. */
export function startReclaimer(deps: EngineDeps): { stop(): void } {
  const timer = setInterval(() => {
    reclaimOrphanedMessages(deps).catch((error) =>
      logger.warn({ err: error }, 'could not look for orphaned messages; will retry'),
    );
  }, env().WORKER_HEARTBEAT_SECONDS * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
