import type { JobResult, PgBoss } from 'pg-boss';
import type { EngineDeps } from '../lib/engine/ports';
import type { Logger } from '../lib/logger';
import { JOBS } from '../lib/queue/jobs';

/**
 * Subscribes to every queue in the registry. Jobs are fetched in batches and handled concurrently; each job
 * is settled on its own (perJobResults), so one failing job is retried without repeating its neighbours.
 * A payload that fails its schema is dead-lettered at once: retrying it cannot help.
 */
export async function registerJobs(
  boss: PgBoss,
  deps: EngineDeps,
  log: Logger,
  concurrency: number,
): Promise<void> {
  for (const job of JOBS) {
    await boss.work(
      job.queue,
      {
        batchSize: concurrency,
        localConcurrency: 2,
        perJobResults: true,
        burstWhenBatchFull: true,
        pollingIntervalSeconds: 0.5,
        notifyPollingIntervalSeconds: 1,
      },
      async (batch): Promise<JobResult[]> =>
        Promise.all(
          batch.map(async ({ id, data }): Promise<JobResult> => {
            const parsed = job.schema.safeParse(data);
            if (!parsed.success) {
              log.error({ queue: job.queue, jobId: id, issues: parsed.error.issues }, 'invalid job payload');
              return { id, status: 'deadletter', output: { error: 'invalid payload' } };
            }
            try {
              await job.handle(parsed.data, deps);
              return { id, status: 'completed' };
            } catch (error) {
              log.warn({ queue: job.queue, jobId: id, err: error }, 'job failed; the queue will retry it');
              return { id, status: 'failed', output: { error: (error as Error).message } };
            }
          }),
        ),
    );
  }
}
