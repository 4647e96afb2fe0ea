import { PgBoss } from 'pg-boss';
import { sqlNumber } from './sql';
import { fmt, printTable } from './table';

export interface PgBossResult {
  jobs: number;
  completed: number;
  /** First insert to the last job's completion. */
  seconds: number;
  perSecond: number;
  /** Insert calls alone (they run while the workers fetch). */
  insertPerSecond: number;
  batchSize: number;
  fetchers: number;
}

const SCHEMA = 'bench_pgboss';
const QUEUE = 'bench-deliver';

/**
 * Bare pg-boss on the bench database, in a schema of its own: a queue with the delivery queue's options, N
 * jobs inserted in batches of 500, one `work` subscription with the worker's options for the delivery queue
 * and an empty handler. Jobs/s from the first insert to the last completion (pg-boss's own completed_on).
 */
export async function pgBossLoop(count: number): Promise<PgBossResult> {
  const { workOptions } = await import('../../lib/queue/work-options');
  const { QUEUES, QUEUE_OPTIONS } = await import('../../lib/queue/queues');
  const options = workOptions(QUEUES.deliver);
  // As lib/queue/boss.ts builds the worker's instance.
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL!,
    schema: SCHEMA,
    application_name: 'switchboard-bench-pgboss',
    max: 10,
    supervise: true,
    schedule: false,
    useListenNotify: true,
  });
  boss.on('error', (error: Error) => console.error(`bench: pg-boss: ${error.message}`));
  await boss.start();
  try {
    await boss.createQueue(QUEUE, QUEUE_OPTIONS[QUEUES.deliver]);
    let handled = 0;
    await boss.work<{ i: number }>(QUEUE, options, async (jobs) => {
      handled += jobs.length;
      // Whatever settlement the engine's options ask for, every job completes.
      return options.perJobResults ? jobs.map((job) => ({ id: job.id, status: 'completed' })) : undefined;
    });
    const started = Date.now();
    for (let i = 0; i < count; i += 500) {
      const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) => ({ data: { i: i + k } }));
      await boss.insert(QUEUE, batch);
    }
    const inserted = Date.now();
    const deadline = Date.now() + 300_000;
    let completed = 0;
    while (Date.now() < deadline) {
      completed = await sqlNumber(
        `SELECT count(*) AS n FROM ${SCHEMA}.job WHERE name = $1 AND state = 'completed'`,
        [QUEUE],
      );
      if (completed >= count) break;
      await new Promise((r) => setTimeout(r, handled >= count ? 20 : 100));
    }
    const lastCompletion = await sqlNumber(
      `SELECT extract(epoch FROM max(completed_on)) * 1000 AS n FROM ${SCHEMA}.job WHERE name = $1`,
      [QUEUE],
    );
    const seconds = (lastCompletion - started) / 1000;
    return {
      jobs: count,
      completed,
      seconds,
      perSecond: completed / seconds,
      insertPerSecond: count / ((inserted - started) / 1000),
      batchSize: options.batchSize ?? 1,
      fetchers: options.localConcurrency ?? 1,
    };
  } finally {
    await boss.stop({ graceful: false, close: true });
    await sqlNumber(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => 0);
  }
}

export function printPgBoss(boss: PgBossResult): void {
  printTable(
    `Bare pg-boss: ${fmt(boss.jobs)} jobs, batch ${boss.batchSize}, ${boss.fetchers} fetchers, empty handler`,
    ['metric', 'value'],
    [
      ['jobs completed', fmt(boss.completed)],
      ['send→work→complete jobs/s (first insert → last completion)', fmt(boss.perSecond)],
      ['insert calls alone, jobs/s (batches of 500)', fmt(boss.insertPerSecond)],
    ],
  );
}
