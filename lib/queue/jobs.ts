import type { JobResult } from 'pg-boss';
import { z } from 'zod';
import { deliverBatch } from '../delivery/deliver-batch';
import { deliveryJobSchema } from '../delivery/jobs';
import { pollMessageStatus } from '../delivery/status-poll';
import type { EngineDeps } from '../deps';
import { runRetention } from '../maintenance/retention';
import { continueRun } from '../workflow-engine/continue-run';
import { flushDigest } from '../workflow-engine/flush-digest';
import type { FetchedJob } from './job-queue';
import { QUEUES, type QueueName } from './queues';

export type ParsedJob<T> = FetchedJob & { data: T };

/**
 * Jobs are data: a queue, the schema of its payload, and the lib/ function that handles a fetched batch of
 * valid payloads, answering each job's result. The worker validates payloads before handing them over.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: QueueName;
  schema: S;
  handleBatch(jobs: ParsedJob<z.output<S>>[], deps: EngineDeps): Promise<JobResult[]>;
}

const define = <S extends z.ZodType>(job: JobDefinition<S>) => job as unknown as JobDefinition;

/** A handler of one job at a time, run for each job of a batch concurrently; a throw fails only that job. */
function eachJob<T>(handle: (data: T, deps: EngineDeps) => Promise<void>) {
  return (jobs: ParsedJob<T>[], deps: EngineDeps): Promise<JobResult[]> =>
    Promise.all(
      jobs.map(async ({ id, data }): Promise<JobResult> => {
        try {
          await handle(data, deps);
          return { id, status: 'completed' };
        } catch (error) {
          return { id, status: 'failed', output: { error: (error as Error).message } };
        }
      }),
    );
}

export const JOBS: JobDefinition[] = [
  define({
    queue: QUEUES.deliver,
    schema: deliveryJobSchema,
    handleBatch: (jobs, deps) => deliverBatch(jobs, deps),
  }),
  define({
    queue: QUEUES.step,
    schema: z.object({ run_id: z.uuid(), step_index: z.number().int().min(0) }),
    handleBatch: eachJob((data, deps) => continueRun(data.run_id, data.step_index, deps)),
  }),
  define({
    queue: QUEUES.digest,
    schema: z.object({ workflow_id: z.uuid(), step_index: z.number().int().min(0), digest_key: z.string() }),
    handleBatch: eachJob((data, deps) =>
      flushDigest(data.workflow_id, data.step_index, data.digest_key, deps),
    ),
  }),
  define({
    queue: QUEUES.statusPoll,
    schema: z.object({ message_id: z.uuid(), attempt: z.number().int().min(1) }),
    handleBatch: eachJob((data, deps) => pollMessageStatus(data.message_id, data.attempt, deps)),
  }),
  define({
    queue: QUEUES.retention,
    schema: z.object({}),
    // A failed run is recorded in maintenance_runs and retried by tomorrow's run, not by the queue.
    handleBatch: eachJob(async (_data, deps) => {
      await runRetention(deps.db, undefined, deps.workerId, deps.stopping);
    }),
  }),
];
