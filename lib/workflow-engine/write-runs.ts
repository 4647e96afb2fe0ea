import type { SqlClient } from '../db/sql';
import { run } from '../db/sql';
import { insertMessages } from '../messages/write';
import type { JobQueue } from '../queue/job-queue';
import type { QueueName } from '../queue/queues';
import type { RunPlan } from './plan-run';

/** A run about to be inserted, with the plan of the steps it could run at once. */
export interface NewRun {
  id: string;
  workflowId: string;
  workflowVersion: number;
  eventId: string | null;
  triggerId: string | null;
  data: unknown;
  recipient: unknown;
  steps: unknown[];
  plan: RunPlan;
  /** Written to the run's context (`request_id`): the delivery path's log lines carry it. */
  requestId?: string | null;
}

/**
 * The run insert as a fragment, from a JSON recordset in `source` and the steps snapshots in `steps` (parameters),
 * keeping the rows `where` allows. Runs are inserted already at the step and status their plan reached.
 */
export function runsInsertSql(source: string, steps: string, where = 'true'): string {
  return `INSERT INTO workflow_runs (id, workflow_id, workflow_version, event_id, trigger_id, status, data, recipient,
           current_step, steps, digest_key, error, finished_at, context)
         SELECT id, "workflowId", "workflowVersion", "eventId", "triggerId", status::run_status, data, recipient,
           "currentStep", ${steps}::jsonb -> "stepsIndex", "digestKey", error, CASE WHEN finished THEN now() END,
           context
         FROM json_to_recordset(${source}::json) AS x(id uuid, "workflowId" uuid, "workflowVersion" int,
           "eventId" uuid, "triggerId" uuid, status text, data jsonb, recipient jsonb, "currentStep" int,
           "stepsIndex" int, "digestKey" text, error text, finished boolean, context jsonb)
         WHERE ${where}
         RETURNING id`;
}

const INSERT_RUNS = { name: 'sb_insert_runs', text: runsInsertSql('$1', '$2') };

/**
 * The runs as the JSON parameters of runsInsertSql: the rows, and each distinct steps snapshot once (a batch's
 * runs share a few workflows, so their steps are not sent once per run).
 */
export function runParameters(runs: NewRun[]): [string, string] {
  const snapshots = new Map<unknown[], number>();
  for (const r of runs) if (!snapshots.has(r.steps)) snapshots.set(r.steps, snapshots.size);
  const rows = runs.map((r) => ({
    id: r.id,
    workflowId: r.workflowId,
    workflowVersion: r.workflowVersion,
    eventId: r.eventId,
    triggerId: r.triggerId,
    status: r.plan.status,
    data: r.data ?? null,
    recipient: r.recipient ?? null,
    currentStep: r.plan.currentStep,
    stepsIndex: snapshots.get(r.steps),
    digestKey: r.plan.digestKey,
    error: r.plan.error,
    finished: r.plan.finished,
    context: r.requestId ? { request_id: r.requestId } : null,
  }));
  return [JSON.stringify(rows), JSON.stringify([...snapshots.keys()])];
}

/**
 * Inserts runs already advanced as far as their plans go, their messages with delivery jobs, and the jobs that
 * resume them: one statement per table, in the caller's transaction.
 */
export async function insertRuns(client: SqlClient, queue: JobQueue, runs: NewRun[]): Promise<void> {
  if (runs.length === 0) return;
  await run(client, INSERT_RUNS, runParameters(runs));
  await writePlanEffects(
    client,
    queue,
    runs.map((r) => r.plan),
  );
}

/** The messages and jobs of plans: messages (with delivery jobs) first, then step and digest jobs by queue. */
export async function writePlanEffects(client: SqlClient, queue: JobQueue, plans: RunPlan[]): Promise<void> {
  await insertMessages(
    client,
    queue,
    plans.flatMap((p) => p.messages),
  );
  await enqueuePlanJobs(client, queue, plans);
}

/** The step and digest jobs of plans, one insert per queue. */
export async function enqueuePlanJobs(client: SqlClient, queue: JobQueue, plans: RunPlan[]): Promise<void> {
  const byQueue = new Map<QueueName, RunPlan['jobs'][number]['job'][]>();
  for (const { queue: name, job } of plans.flatMap((p) => p.jobs)) {
    byQueue.set(name, [...(byQueue.get(name) ?? []), job]);
  }
  for (const [name, jobs] of byQueue) await queue.enqueue(client, name, jobs);
}
