import type { JobResult, PgBoss } from 'pg-boss';
import type { EngineDeps } from '../lib/deps';
import type { Logger } from '../lib/logger';
import { JOBS, type ParsedJob } from '../lib/queue/jobs';
import { workOptions } from '../lib/queue/work-options';

/**
 * Subscribes to every queue in the registry. Jobs are fetched in batches (lib/queue/work-options.ts) and each
 * queue's handler takes the whole batch, answering per job, so one failing job is retried without repeating its
 * neighbours. A payload that fails its schema is dead-lettered at once: retrying it cannot help.
 */
export async function registerJobs(boss: PgBoss, deps: EngineDeps, log: Logger): Promise<void> {
  for (const job of JOBS) {
    await boss.work(job.queue, { ...workOptions(job.queue), perJobResults: true }, async (batch) => {
      const results: JobResult[] = [];
      const valid: ParsedJob<unknown>[] = [];
      for (const { id, data, retryCount } of batch) {
        const parsed = job.schema.safeParse(data);
        if (parsed.success) valid.push({ id, retryCount, data: parsed.data });
        else {
          log.error({ queue: job.queue, jobId: id, issues: parsed.error.issues }, 'invalid job payload');
          results.push({ id, status: 'deadletter', output: { error: 'invalid payload' } });
        }
      }
      if (valid.length === 0) return results;
      try {
        const handled = await job.handleBatch(valid, deps);
        for (const result of handled) {
          if (result.status === 'failed')
            log.warn(
              { queue: job.queue, jobId: result.id, output: result.output },
              'job failed; the queue will retry it',
            );
        }
        return [...results, ...handled];
      } catch (error) {
        log.warn(
          { queue: job.queue, jobs: valid.length, err: error },
          'job batch failed; the queue will retry it',
        );
        return [
          ...results,
          ...valid.map((j) => ({
            id: j.id,
            status: 'failed' as const,
            output: { error: (error as Error).message },
          })),
        ];
      }
    });
  }
}
