import { channelLookup } from '../channels/cache';
import { run, type SqlClient, transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { runScope } from '../workflows/scope';
import { planRun, type RunPlan, sendChannelIds } from './plan-run';
import { writePlanEffects } from './write-runs';

interface LockedRun {
  id: string;
  workflow_id: string;
  status: string;
  current_step: number;
  steps: unknown[];
  data: unknown;
  recipient: unknown;
  context: Record<string, unknown> | null;
  event_id: string | null;
  event_type: string | null;
  occurred_at: Date | null;
}

const LOCK_RUN = {
  name: 'sb_lock_run',
  text: `SELECT r.id, r.workflow_id, r.status, r.current_step, r.steps, r.data, r.recipient, r.context, r.event_id,
           e.event_type, e.occurred_at
         FROM workflow_runs r LEFT JOIN events e ON e.id = r.event_id
         WHERE r.id = $1 FOR UPDATE OF r`,
};

const UPDATE_RUN = {
  name: 'sb_update_run',
  text: `UPDATE workflow_runs SET status = $2::run_status, current_step = $3, digest_key = $4, error = $5,
           finished_at = CASE WHEN $6 THEN now() ELSE finished_at END
         WHERE id = $1`,
};

export function lockRun(client: SqlClient, runId: string): Promise<LockedRun | undefined> {
  return run<LockedRun>(client, LOCK_RUN, [runId]).then((r) => r.rows[0]);
}

/** Plans a locked run from `from` and writes where it got to, with its messages and jobs. */
export async function advanceLockedRun(
  client: SqlClient,
  deps: EngineDeps,
  locked: LockedRun,
  from: number,
): Promise<RunPlan> {
  const scope = runScope(
    {
      id: locked.id,
      workflowId: locked.workflow_id,
      data: locked.data,
      recipient: locked.recipient,
      context: locked.context,
    },
    locked.event_id
      ? { id: locked.event_id, eventType: locked.event_type, occurredAt: locked.occurred_at }
      : undefined,
  );
  const plan = await planRun(
    { id: locked.id, workflowId: locked.workflow_id, steps: locked.steps, scope },
    from,
    await channelLookup(sendChannelIds(locked.steps)),
  );
  await run(client, UPDATE_RUN, [
    locked.id,
    plan.status,
    plan.currentStep,
    plan.digestKey,
    plan.error,
    plan.finished,
  ]);
  await writePlanEffects(client, deps.queue, [plan]);
  return plan;
}

/**
 * A step job: the run goes on from `stepIndex` (after a delay). The run row is locked and must still be at that
 * step, so a job that runs twice (crash, redelivery) finds nothing to do the second time.
 */
export async function continueRun(runId: string, stepIndex: number, deps: EngineDeps): Promise<void> {
  await transaction(deps.db.$client, async (client) => {
    const locked = await lockRun(client, runId);
    if (!locked || locked.current_step !== stepIndex || !['running', 'waiting'].includes(locked.status))
      return;
    await advanceLockedRun(client, deps, locked, stepIndex);
  });
}
