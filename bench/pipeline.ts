/**
 * Pipeline benchmark: events in through the API's ingest function, deliveries out to a local webhook sink,
 * with real worker processes. Prints throughput and event→delivery latency percentiles.
 *
 *   npm run bench -- [--events 2000] [--workers 1] [--concurrency 50]
 *
 * Uses BENCH_DATABASE_URL (a server; a fresh database is created and dropped), else the embedded PostgreSQL.
 * Numbers go in docs/benchmarks.md; they are not pass/fail.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '50' },
  },
});
const EVENTS = Number(values.events);
const WORKERS = Number(values.workers);
const CONCURRENCY = Number(values.concurrency);
const root = path.resolve(import.meta.dirname, '..');

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
process.env.LOG_LEVEL = 'warn';
process.env.OUTBOUND_ALLOWLIST = '127.0.0.1/32';

const { startEmbeddedPostgres } = await import('../lib/db/embedded');
const { adminQuery, createDatabase, dropDatabase, randomDatabaseName } = await import(
  '../test/support/test-database'
);
let server = process.env.BENCH_DATABASE_URL;
let stopServer = async () => {};
if (!server) {
  const embedded = await startEmbeddedPostgres(path.join(root, '.test-data'), 54339, () => {});
  server = embedded.url;
  stopServer = embedded.stop;
}
const dbName = randomDatabaseName('sb_bench');
process.env.DATABASE_URL = await createDatabase(server, dbName);
if (process.env.BENCH_ASYNC_COMMIT === '1') {
  // Experiment switch: how much of the time is waiting for WAL flushes at commit?
  await adminQuery(server, `ALTER DATABASE "${dbName}" SET synchronous_commit = off`);
}

const { migrateDatabase } = await import('../lib/db/migrate');
await migrateDatabase(process.env.DATABASE_URL);
const { closeDb } = await import('../lib/db');
const { engineDeps } = await import('../lib/engine/deps');
const { stopQueueClient } = await import('../lib/queue/boss');
const { ingestApiEvent } = await import('../lib/events/ingest');
const { createChannel } = await import('../lib/channels/service');
const { createChannelSchema } = await import('../lib/channels/schemas');
const { createWorkflow } = await import('../lib/workflows/service');
const { createTrigger } = await import('../lib/triggers/service');
const { startHttpSink } = await import('../test/support/http-sink');

const sink = await startHttpSink();
const latencies: number[] = [];
sink.respondWith((req) => {
  const sentAt = Number((JSON.parse(req.body) as { t: number }).t);
  latencies.push(req.receivedAt - sentAt);
  return { status: 200, body: '{}' };
});
const channel = await createChannel(
  createChannelSchema.parse({ name: 'bench', provider: 'webhook', config: { url: `${sink.url}/bench` } }),
  { principal: null },
);
const workflow = await createWorkflow(
  {
    key: 'bench',
    name: 'Bench',
    enabled: true,
    steps: [
      { type: 'send', channel_id: channel.id, template: { body: '{"t": {{ data.t }}, "i": {{ data.i }}}' } },
    ],
  },
  { principal: null },
);
await createTrigger(
  {
    name: 'bench',
    type: 'api',
    workflow_id: workflow.id,
    enabled: true,
    config: { filter: { event_type: 'bench.event' } },
  },
  { principal: null },
);

const workers: ChildProcess[] = [];
// BENCH_WORKER_FLAGS: node flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
const workerFlags = process.env.BENCH_WORKER_FLAGS?.split(' ').filter(Boolean) ?? [];
for (let i = 0; i < WORKERS; i++) {
  workers.push(
    spawn(process.execPath, [...workerFlags, '--import', 'tsx', 'worker/index.ts'], {
      cwd: root,
      env: process.env,
      stdio: 'ignore',
    }),
  );
}
await new Promise((r) => setTimeout(r, 4000)); // workers start, migrate, subscribe

const deps = await engineDeps();
const ingestStarted = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < EVENTS) {
      const i = next++;
      await ingestApiEvent({ event_type: 'bench.event', data: { i, t: Date.now() } }, undefined, deps);
    }
  }),
);
const ingestSeconds = (performance.now() - ingestStarted) / 1000;
const firstAt = Date.now();
await sink.waitForRequests(EVENTS, 600_000);
const totalSeconds = (performance.now() - ingestStarted) / 1000;

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
const memory = Math.round(process.memoryUsage().rss / 1024 / 1024);
const rows = [
  ['events', String(EVENTS)],
  ['worker processes', String(WORKERS)],
  ['ingest (events/s, API path, concurrency ' + CONCURRENCY + ')', (EVENTS / ingestSeconds).toFixed(0)],
  ['end to end (deliveries/s)', (EVENTS / totalSeconds).toFixed(0)],
  ['event→delivery p50 (ms)', String(pct(50))],
  ['event→delivery p95 (ms)', String(pct(95))],
  ['event→delivery p99 (ms)', String(pct(99))],
  ['drain after last ingest (s)', ((Date.now() - firstAt) / 1000).toFixed(1)],
  ['bench process RSS (MiB)', String(memory)],
];
const width = Math.max(...rows.map(([k]) => k!.length));
process.stdout.write(`\n| ${'metric'.padEnd(width)} | value |\n| ${'-'.repeat(width)} | ----- |\n`);
for (const [k, v] of rows) process.stdout.write(`| ${k!.padEnd(width)} | ${v} |\n`);

for (const w of workers) w.kill('SIGTERM');
await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
await sink.close();
await stopQueueClient();
await closeDb();
await dropDatabase(server, dbName);
await stopServer();
process.exit(0);
