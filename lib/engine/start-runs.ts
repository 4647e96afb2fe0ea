import type { Tx } from '../db';
import { schema } from '../db';
import { QUEUES } from '../queue/queues';
import type { JobQueue } from './ports';

export interface RunRequest {
  workflow: { id: string; version: number; steps: unknown[] };
  eventId?: string | null;
  triggerId?: string | null;
  data: unknown;
  recipient?: unknown;
}

export interface StartedRun {
  workflow_id: string;
  run_id: string;
}

/** Inserts the runs and their first step jobs in the caller's transaction: both commit or neither does. */
export async function startRuns(tx: Tx, queue: JobQueue, requests: RunRequest[]): Promise<StartedRun[]> {
  if (requests.length === 0) return [];
  const rows = await tx
    .insert(schema.workflowRuns)
    .values(
      requests.map((r) => ({
        workflowId: r.workflow.id,
        workflowVersion: r.workflow.version,
        steps: r.workflow.steps,
        eventId: r.eventId ?? null,
        triggerId: r.triggerId ?? null,
        data: r.data,
        recipient: r.recipient ?? null,
      })),
    )
    .returning({ id: schema.workflowRuns.id, workflowId: schema.workflowRuns.workflowId });
  await queue.enqueue(
    tx,
    QUEUES.step,
    rows.map((row) => ({ data: { run_id: row.id, step_index: 0 } })),
  );
  return rows.map((row) => ({ workflow_id: row.workflowId, run_id: row.id }));
}
