/**
 * Bare pg-boss on a fresh database: send→work→complete of N jobs with an empty handler, at the batch settings
 * the worker uses for the delivery queue (lib/queue/work-options.ts) and that queue's options. The Kafka
 * benchmark runs the same loop as one of its baselines.
 *
 *   npm run bench:pgboss -- [--jobs 20000] [--json results.json]
 */
import { parseArgs } from 'node:util';
import { runBenchmark } from './support/cleanup';
import { printContext } from './support/context';
import { createBenchDatabase } from './support/database';
import { benchEnvironment } from './support/environment';
import { pgBossLoop, printPgBoss } from './support/pgboss-loop';
import { writeResults } from './support/results';

const { values } = parseArgs({
  options: { jobs: { type: 'string', default: '20000' }, json: { type: 'string' } },
  strict: true,
});

await runBenchmark(async () => {
  const database = await createBenchDatabase();
  benchEnvironment(database.url);
  printContext('Bare pg-boss: run', [['database', database.label]]);
  const boss = await pgBossLoop(Number(values.jobs));
  printPgBoss(boss);
  writeResults(values.json, {
    bench: 'pgboss',
    metrics: { pgbossPerSecond: boss.perSecond, pgbossInsertPerSecond: boss.insertPerSecond },
  });
});
