import { eq } from 'drizzle-orm';
import { schema } from '../db';
import { transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { AppError } from '../errors';
import { FINAL_STATUSES } from '../messages/schemas';
import { toMessageView } from '../messages/service';
import { requireWorkflow } from '../workflows/service';
import { planNewRuns, startedRun } from './start-runs';
import { insertRuns } from './write-runs';

/** POST /api/v1/workflows/:key/trigger: one run, started directly (no trigger, no event row). */
export async function triggerWorkflow(
  keyOrId: string,
  input: { data: Record<string, unknown>; recipient?: unknown },
  deps: EngineDeps,
  requestId?: string,
) {
  const workflow = await requireWorkflow(keyOrId, deps.db);
  if (!workflow.enabled) throw new AppError('conflict', `workflow ${workflow.key} is disabled`);
  const [run] = await planNewRuns([{ workflow, data: input.data, recipient: input.recipient, requestId }]);
  await transaction(deps.db.$client, (client) => insertRuns(client, deps.queue, [run!]));
  return startedRun(run!);
}

/**
 * For synchronous integrations: waits (at most `seconds`) until the run has finished creating messages and
 * every message is final. Returns whether that happened and the messages as they stand.
 */
export async function waitForRun(runId: string, seconds: number, deps: Pick<EngineDeps, 'db'>) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const [run] = await deps.db.select().from(schema.workflowRuns).where(eq(schema.workflowRuns.id, runId));
    const messages = await deps.db.select().from(schema.messages).where(eq(schema.messages.runId, runId));
    const runDone = run && ['completed', 'failed', 'cancelled'].includes(run.status);
    const done = runDone && messages.every((m) => FINAL_STATUSES.includes(m.status));
    if (done || Date.now() >= deadline) {
      return {
        done: Boolean(done),
        run_status: run?.status ?? 'unknown',
        messages: messages.map(toMessageView),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
