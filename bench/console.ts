/**
 * The console's reads at a million messages: seeds a fresh database (set-based SQL, minutes), then times the
 * Messages list (filters, full-text search, deep cursors) and the stats endpoint as the API runs them, in this
 * process, against that database: what is timed is the product's own `listMessages` and `getStats` with their
 * statements, planning and row mapping, without HTTP. Each case runs `--runs` times after two warm-up calls;
 * the statements of every case are explained (EXPLAIN ANALYZE, BUFFERS) and the full plans of the cases whose
 * p95 is over `--explain-over` ms are saved.
 *
 *   npm run bench:console -- [--messages 1000000] [--runs 30] [--keep] [--database <url>]
 *                            [--explain-over 50] [--explain-dir <dir>] [--only <text>] [--json results.json]
 *
 * `--keep` leaves the seeded database in place (its URL is printed); `--database <url>` times an existing one
 * (seeded only when it has no messages; pending migrations are applied first, and timed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBenchmark } from './support/cleanup';
import { buildCases } from './support/console-cases';
import { explainSummaries, type PlanSummary, recordingDb, savePlans } from './support/console-explain';
import { seedConsoleData } from './support/console-seed';
import { printContext } from './support/context';
import { createBenchDatabase } from './support/database';
import { benchEnvironment } from './support/environment';
import { writeResults } from './support/results';
import { percentiles } from './support/stats';
import { fmt, printTable } from './support/table';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
    'explain-over': { type: 'string', default: '50' },
    'explain-dir': { type: 'string' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
  strict: true,
});
const RUNS = Number(values.runs);
const EXPLAIN_OVER = Number(values['explain-over']);
// One case may not take the whole run: it stops after --runs calls or 60 s, whichever comes first.
const CASE_BUDGET_MS = 60_000;

async function openDatabase(): Promise<{ url: string; label: string }> {
  if (values.database) return { url: values.database, label: 'given with --database' };
  // The house rule is BENCH_DATABASE_URL; DATABASE_URL names a server too when it is the only one set.
  if (!process.env.BENCH_DATABASE_URL && process.env.DATABASE_URL)
    process.env.BENCH_DATABASE_URL = process.env.DATABASE_URL;
  const database = await createBenchDatabase({ keep: values.keep });
  return { url: database.url, label: database.label };
}

async function timeCase(run: () => Promise<number>) {
  await run();
  await run();
  const times: number[] = [];
  let rows = 0;
  const started = performance.now();
  while (times.length < RUNS && performance.now() - started < CASE_BUDGET_MS) {
    const t = performance.now();
    rows = await run();
    times.push(performance.now() - t);
  }
  return { rows, ...percentiles(times) };
}

await runBenchmark(async () => {
  const { url, label } = await openDatabase();
  benchEnvironment(url);
  const { migrateDatabase } = await import('../lib/db/migrate');
  const migrateStarted = performance.now();
  await migrateDatabase(url);
  const migrateSeconds = (performance.now() - migrateStarted) / 1000;
  const { db, pool, record } = recordingDb(url);

  const count = async () => Number((await pool.query('SELECT count(*) AS n FROM messages')).rows[0].n);
  let seeded: Awaited<ReturnType<typeof seedConsoleData>> | undefined;
  if ((await count()) === 0) seeded = await seedConsoleData(url, Number(values.messages), new Date());
  const end = new Date(
    (await pool.query('SELECT max(created_at) AS t FROM messages')).rows[0].t.getTime() + 1,
  );
  const messages = await count();

  printContext('Console at a million messages: run', [
    ['database', `${label}${values.keep ? `, kept: ${url}` : ''}`],
    ['messages', messages.toLocaleString('en')],
    ['runs per case', `${RUNS} (after 2 warm-up calls; at most ${CASE_BUDGET_MS / 1000} s per case)`],
    ['migrations applied in', `${migrateSeconds.toFixed(1)} s`],
  ]);
  if (seeded) {
    printTable(
      'Seed',
      ['step', 'seconds'],
      seeded.steps.map(([step, seconds]) => [step, fmt(seconds, 1)]),
    );
    printTable(
      'Seeded tables',
      ['table', 'rows', 'MiB (with indexes)'],
      Object.keys(seeded.rows).map((t) => [t, fmt(seeded.rows[t]), fmt(seeded.bytes[t]! / 2 ** 20)]),
    );
  }

  const only = values.only?.toLowerCase();
  const cases = (await buildCases(db, pool, end, messages)).filter(
    (c) => !only || c.name.toLowerCase().includes(only),
  );
  const dir = values['explain-dir'] ?? mkdtempSync(path.join(tmpdir(), 'switchboard-bench-console-'));
  const results: {
    group: string;
    name: string;
    rows: number;
    p50: number;
    p95: number;
    max: number;
    plans: PlanSummary[];
    file?: string;
  }[] = [];
  for (const c of cases) {
    const timing = await timeCase(c.run);
    const statements = await record(c.run);
    const plans = await explainSummaries(pool, statements);
    const file = timing.p95 > EXPLAIN_OVER ? await savePlans(pool, dir, c.name, statements) : undefined;
    results.push({
      group: c.group,
      name: c.name,
      rows: timing.rows,
      p50: timing.p50,
      p95: timing.p95,
      max: timing.max,
      plans,
      file,
    });
    process.stderr.write(
      `bench:console: ${c.name}: p50 ${fmt(timing.p50, 1)} ms, p95 ${fmt(timing.p95, 1)} ms\n`,
    );
  }

  const byGroup = (group: string) => results.filter((r) => r.group === group);
  const mainPlan = (plans: PlanSummary[]) =>
    plans[0]?.nodes
      .filter((n) => /Scan|Sort/.test(n))
      .slice(0, 3)
      .join(' → ') ?? '';
  printTable(
    `Messages list (GET /api/v1/messages, limit 50), ${messages.toLocaleString('en')} messages`,
    ['case', 'rows', 'p50 ms', 'p95 ms', 'max ms', 'plan (scans and sorts)'],
    byGroup('list').map((r) => [
      r.name,
      r.rows - (r.rows > 50 ? 1 : 0),
      fmt(r.p50, 1),
      fmt(r.p95, 1),
      fmt(r.max, 1),
      mainPlan(r.plans),
    ]),
  );
  printTable(
    `Stats (GET /api/v1/stats), ${messages.toLocaleString('en')} messages`,
    ['range', 'messages in range', 'p50 ms', 'p95 ms', 'max ms', 'statements: execution ms each'],
    byGroup('stats').map((r) => [
      r.name,
      fmt(r.rows),
      fmt(r.p50, 1),
      fmt(r.p95, 1),
      fmt(r.max, 1),
      r.plans.map((p) => fmt(p.executionMs, 1)).join(' + '),
    ]),
  );
  const slow = results.filter((r) => r.file);
  if (slow.length) {
    printTable(
      `Over ${EXPLAIN_OVER} ms at p95: EXPLAIN (ANALYZE, BUFFERS), full plans in ${dir}`,
      ['case', 'statement', 'execution ms', 'buffers (8 kB)', 'nodes'],
      slow.flatMap((r) =>
        r.plans.map((p, i) => [
          r.name,
          String(i + 1),
          fmt(p.executionMs, 1),
          fmt(p.buffers),
          p.nodes.slice(0, 5).join(' → '),
        ]),
      ),
    );
  }
  writeResults(values.json, {
    bench: 'console',
    metrics: Object.fromEntries(
      results.flatMap((r) => [
        [`${r.name} p50`, r.p50],
        [`${r.name} p95`, r.p95],
      ]),
    ),
  });
});
