/**
 * The pipeline through the running HTTP server: `next start` (the production build) and N workers, autocannon
 * POSTing events to /api/v1/events: a burst (as fast as 50 connections go) and a fixed-rate run, each drained
 * to the webhook sink. Baselines in the same run under the same autocannon load: a trivial route of the same
 * Next.js server, a bare node:http server inserting one event row per request, and the sink alone.
 *
 *   npm run bench:http -- [--duration 15] [--rate 500] [--connections 50] [--workers 1] [--drain-timeout 120]
 *                         [--skip-build] [--skip-baselines] [--json results.json]
 */
import { parseArgs } from 'node:util';
import { runBenchmark } from './support/cleanup';
import { printContext } from './support/context';
import { createBenchDatabase } from './support/database';
import { pipelineBytes } from './support/db-size';
import { benchEnvironment } from './support/environment';
import { type LoadResult, runLoad } from './support/load';
import { reportLogs } from './support/logs';
import { eventBody, type PipelineLoad, pipelineLoad } from './support/pipeline-load';
import { cpuMs } from './support/proc';
import { forkServer, startWorkers, stopAll, waitForWorkers } from './support/processes';
import { writeResults } from './support/results';
import { sampleRss } from './support/rss';
import { closeLib, createScenario, createTriggerKey } from './support/scenario';
import { startSink } from './support/sink';
import { sqlNumber } from './support/sql';
import { ratio } from './support/stats';
import { fmt, printTable } from './support/table';
import { buildIsStale, buildWeb, startWeb } from './support/web';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    rate: { type: 'string', default: '500' },
    connections: { type: 'string', default: '50' },
    workers: { type: 'string', default: '1' },
    'drain-timeout': { type: 'string', default: '120' },
    'skip-build': { type: 'boolean', default: false },
    'skip-baselines': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
  strict: true,
});
const DURATION = Number(values.duration);
const RATE = Number(values.rate);
const CONNECTIONS = Number(values.connections);
const WORKERS = Number(values.workers);
const DRAIN_MS = Number(values['drain-timeout']) * 1000;

const ms = (v: number) => fmt(v, v < 10 ? 1 : 0);

function pipelineRows(run: PipelineLoad): [string, string][] {
  const { load, latency } = run;
  return [
    ['requests (2xx / non-2xx / errors)', `${fmt(load.ok)} / ${fmt(load.non2xx)} / ${fmt(load.errors)}`],
    ['accepted events/s (2xx ÷ duration)', fmt(load.okPerSecond)],
    ['HTTP p50 / p99 (ms)', `${ms(load.latency.p50)} / ${ms(load.latency.p99)}`],
    ['events stored (2xx + cut off at the end)', fmt(run.stored)],
    ['deliveries (lost / repeated)', `${fmt(run.delivered)} (${fmt(run.lost)} / ${fmt(run.repeats)})`],
    ['deliveries/s (first request → last delivery)', fmt(run.deliveriesPerSecond)],
    ['delivered before the load ended', `${fmt(run.deliveredDuringLoad * 100)} %`],
    ['drain after the load (s)', fmt(run.drainSeconds, 1)],
    ['event→delivery p50 / p95 / p99 (ms)', [latency.p50, latency.p95, latency.p99].map(ms).join(' / ')],
  ];
}

function statusNote(load: LoadResult): string {
  return load.non2xx || load.errors ? ` (non-2xx ${fmt(load.non2xx)}, errors ${fmt(load.errors)})` : '';
}

await runBenchmark(async () => {
  const database = await createBenchDatabase();
  const env = benchEnvironment(database.url);
  printContext('HTTP pipeline: run', [
    ['database', database.label],
    ['load', `autocannon, ${CONNECTIONS} connections, ${DURATION} s per run`],
  ]);
  if (!values['skip-build'] && buildIsStale()) await buildWeb(env);

  const sink = await startSink();
  await createScenario(sink.url, { type: 'api' });
  const key = await createTriggerKey();
  const workers = await startWorkers(WORKERS, env);
  const web = await startWeb(env);
  await waitForWorkers(workers);
  const events = {
    url: `${web.url}/api/v1/events`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  };

  // Warm-up: Next.js loads a route's modules on its first request; the worker opens its pools.
  await runLoad({ ...events, method: 'POST', body: eventBody, connections: 10, durationS: 60, amount: 300 });
  await runLoad({ url: `${web.url}/api/health?probe=live`, connections: 10, durationS: 60, amount: 300 });
  await sink.waitFor(300, DRAIN_MS);

  const bytesBefore = await pipelineBytes();
  const messagesBefore = await sqlNumber('SELECT count(*) AS n FROM messages');
  const rss = sampleRss([web.child.pid, ...workers.map((w) => w.pid)]);
  const webPid = web.child.pid!;
  let cpuBefore = cpuMs(webPid);
  const burst = await pipelineLoad(
    sink,
    { ...events, connections: CONNECTIONS, durationS: DURATION },
    DRAIN_MS,
  );
  // The web process's CPU per accepted request: steadier between runs than latency on a busy machine.
  const burstCpu = (cpuMs(webPid) - cpuBefore) / burst.load.ok;
  const [webRss = 0, ...workerRss] = rss.stop();
  const messages = (await sqlNumber('SELECT count(*) AS n FROM messages')) - messagesBefore;
  const bytesPer1000 = ((await pipelineBytes()) - bytesBefore) / (messages / 1000);
  printTable(
    `HTTP pipeline, burst: POST /api/v1/events, ${CONNECTIONS} connections, ${DURATION} s, ${WORKERS} worker(s)`,
    ['metric', 'value'],
    [
      ...pipelineRows(burst),
      ['web process CPU per accepted request (ms)', burstCpu.toFixed(2)],
      ['peak RSS web / worker (MiB)', `${fmt(webRss)} / ${workerRss.map((v) => fmt(v)).join(', ')}`],
      ['database bytes per 1,000 messages', fmt(bytesPer1000)],
    ],
  );

  cpuBefore = cpuMs(webPid);
  const paced = await pipelineLoad(
    sink,
    { ...events, connections: CONNECTIONS, durationS: DURATION, rate: RATE },
    DRAIN_MS,
  );
  const pacedCpu = (cpuMs(webPid) - cpuBefore) / paced.load.ok;
  printTable(
    `HTTP pipeline, fixed rate: ${fmt(RATE)} events/s for ${DURATION} s, ${WORKERS} worker(s)`,
    ['metric', 'value'],
    [...pipelineRows(paced), ['web process CPU per accepted request (ms)', pacedCpu.toFixed(2)]],
  );

  const metrics: Record<string, number> = {
    acceptedPerSecond: burst.load.okPerSecond,
    httpP50: burst.load.latency.p50,
    httpP99: burst.load.latency.p99,
    non2xx: burst.load.non2xx + burst.load.errors,
    deliveriesPerSecond: burst.deliveriesPerSecond,
    lost: burst.lost + paced.lost,
    repeats: burst.repeats + paced.repeats,
    drainSeconds: burst.drainSeconds,
    burstP50: burst.latency.p50,
    burstP99: burst.latency.p99,
    rate: RATE,
    rateAcceptedPerSecond: paced.load.okPerSecond,
    rateHttpP99: paced.load.latency.p99,
    rateP50: paced.latency.p50,
    rateP95: paced.latency.p95,
    rateP99: paced.latency.p99,
    workerRssMiB: Math.max(...workerRss),
    webRssMiB: webRss,
    webCpuMsPerRequest: burstCpu,
    rateWebCpuMsPerRequest: pacedCpu,
    bytesPer1000,
  };

  if (!values['skip-baselines']) {
    const same = { connections: CONNECTIONS, durationS: DURATION };
    const trivial = await runLoad({ ...same, url: `${web.url}/api/health?probe=live` });
    const insertServer = await forkServer('bare insert server', 'bench/support/insert-server-child.ts', env);
    const insert = await runLoad({
      ...same,
      ...events,
      url: insertServer.url,
      method: 'POST',
      body: eventBody,
    });
    await insertServer.stop();
    const sinkAlone = await runLoad({ ...same, url: `${sink.url}/hook`, method: 'POST', body: eventBody });
    await sink.reset();
    const row = (name: string, load: LoadResult) => [
      `${name}${statusNote(load)}`,
      fmt(load.okPerSecond),
      `${ms(load.latency.p50)} / ${ms(load.latency.p99)}`,
      fmt(ratio(burst.load.okPerSecond, load.okPerSecond), 2),
      fmt(ratio(burst.deliveriesPerSecond, load.okPerSecond), 2),
    ];
    printTable(
      `HTTP pipeline against its baselines (same autocannon load: ${CONNECTIONS} connections, ${DURATION} s)`,
      [
        'baseline',
        'req/s (2xx)',
        'HTTP p50 / p99 (ms)',
        'accepted events/s ÷ baseline',
        'deliveries/s ÷ baseline',
      ],
      [
        row('GET /api/health?probe=live, same Next.js server', trivial),
        row('bare node:http + one INSERT into events', insert),
        row('the webhook sink alone', sinkAlone),
      ],
    );
    Object.assign(metrics, {
      trivialPerSecond: trivial.okPerSecond,
      insertPerSecond: insert.okPerSecond,
      sinkPerSecond: sinkAlone.okPerSecond,
    });
  }

  await stopAll([web.child, ...workers]);
  reportLogs([web.child, ...workers]);
  writeResults(values.json, { bench: 'http', workers: WORKERS, metrics });
  await sink.close();
  await closeLib();
});
