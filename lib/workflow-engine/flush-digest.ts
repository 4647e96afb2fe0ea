import { run, transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { logger } from '../logger';
import { advanceLockedRun, lockRun } from './continue-run';

const LOCK_WAITING = {
  name: 'sb_lock_digest_runs',
  text: `SELECT r.id, r.data, e.event_type, e.occurred_at
         FROM workflow_runs r LEFT JOIN events e ON e.id = r.event_id
         WHERE r.workflow_id = $1 AND r.digest_key = $2 AND r.status = 'waiting' AND r.current_step = $3
         ORDER BY r.created_at
         FOR UPDATE OF r SKIP LOCKED`,
};

const MAKE_LEADER = {
  name: 'sb_digest_leader',
  text: `UPDATE workflow_runs SET status = 'running', digest_key = NULL, current_step = $3,
           context = coalesce(context, '{}'::jsonb) || jsonb_build_object('events', $2::jsonb)
         WHERE id = $1`,
};

const MERGE_FOLLOWERS = {
  name: 'sb_digest_followers',
  text: `UPDATE workflow_runs SET status = 'completed', digest_key = NULL, finished_at = now(),
           error = 'merged into digest run ' || $2
         WHERE id = ANY($1::uuid[])`,
};

/**
 * A digest window closed: the earliest waiting run carries on with every collected event in `events`, in the
 * same transaction; the others are completed as merged into it.
 */
export async function flushDigest(
  workflowId: string,
  stepIndex: number,
  digestKey: string,
  deps: EngineDeps,
): Promise<void> {
  await transaction(deps.db.$client, async (client) => {
    const { rows: waiting } = await run<{
      id: string;
      data: unknown;
      event_type: string | null;
      occurred_at: Date | null;
    }>(client, LOCK_WAITING, [workflowId, digestKey, stepIndex]);
    const [leader, ...rest] = waiting;
    if (!leader) return;
    const events = waiting.map((r) => ({
      event_type: r.event_type,
      timestamp: r.occurred_at?.toISOString() ?? null,
      data: r.data,
    }));
    await run(client, MAKE_LEADER, [leader.id, JSON.stringify(events), stepIndex + 1]);
    if (rest.length) await run(client, MERGE_FOLLOWERS, [rest.map((r) => r.id), leader.id]);
    const locked = await lockRun(client, leader.id);
    if (locked) await advanceLockedRun(client, deps, locked, stepIndex + 1);
    logger.debug({ leaderId: leader.id, digestKey, merged: rest.length }, 'digest flushed');
  });
}
