/**
 * The pipeline through the real Kafka broker: an `event` trigger on a fresh topic, N worker processes, a
 * burst of events produced with kafkajs, every delivery counted at a webhook sink. Baselines in the same run:
 * a kafkajs consumer group that does nothing, and bare pg-boss send→work→complete with the worker's settings.
 *
 *   npm run bench:kafka -- [--events 20000] [--workers 1] [--partitions 6] [--timeout 300]
 *                          [--skip-baselines] [--json results.json]
 *
 * BENCH_DATABASE_URL, KAFKA_BROKERS, BENCH_WORKER_FLAGS: see docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { runBenchmark } from './support/cleanup';
import { printContext } from './support/context';
import { createBenchDatabase } from './support/database';
import { pipelineBytes } from './support/db-size';
import { benchEnvironment } from './support/environment';
import { createTopic, ensureKafka, kafkaBrokers, kafkaClient, produceBurst } from './support/kafka-broker';
import { consumeOnly } from './support/kafka-consume';
import { reportLogs } from './support/logs';
import { pgBossLoop, printPgBoss } from './support/pgboss-loop';
import { startWorkers, stopAll, waitForWorkers } from './support/processes';
import { writeResults } from './support/results';
import { sampleRss } from './support/rss';
import { closeLib, createScenario } from './support/scenario';
import { startSink } from './support/sink';
import { sql, sqlNumber } from './support/sql';
import { percentiles, ratio } from './support/stats';
import { fmt, printTable } from './support/table';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '1' },
    partitions: { type: 'string', default: '6' },
    timeout: { type: 'string', default: '300' },
    'skip-baselines': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
  strict: true,
});
const EVENTS = Number(values.events);
const WORKERS = Number(values.workers);
const PARTITIONS = Number(values.partitions);

/** Every worker's consumer has joined the group (consumer_status `running`), or 60 s passed. */
async function waitForConsumers(triggerId: string, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const running = await sqlNumber(
      `SELECT count(*) AS n FROM consumer_status WHERE trigger_id = $1 AND state = 'running'`,
      [triggerId],
    ).catch(() => 0);
    if (running >= count) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.warn(`bench: the consumers did not all report running within 60 s; producing anyway`);
}

await runBenchmark(async () => {
  const database = await createBenchDatabase();
  const env = benchEnvironment(database.url);
  const brokers = kafkaBrokers();
  await ensureKafka(brokers);
  printContext(`Kafka pipeline: run`, [
    ['database', database.label],
    ['broker', brokers.join(', ')],
  ]);
  const kafka = kafkaClient(brokers);
  const topic = await createTopic(kafka, 'sb-bench', PARTITIONS);
  const sink = await startSink();
  const scenario = await createScenario(sink.url, {
    type: 'kafka',
    brokers,
    topic,
    consumerGroup: `${topic}-switchboard`,
  });

  const workers = await startWorkers(WORKERS, env);
  await waitForWorkers(workers);
  await waitForConsumers(scenario.triggerId, WORKERS);
  await new Promise((r) => setTimeout(r, 1000)); // let the group settle after the last join
  const bytesBefore = await pipelineBytes();

  const restRss = Math.max(...sampleRss(workers.map((w) => w.pid)).stop());
  const rss = sampleRss(workers.map((w) => w.pid));
  const produced = await produceBurst(kafka, topic, PARTITIONS, EVENTS);
  const arrived = await sink.waitFor(EVENTS, Number(values.timeout) * 1000);
  const workerRss = rss.stop();
  const report = await sink.report();
  if (arrived.distinct < EVENTS)
    console.warn(`bench: only ${arrived.distinct} of ${EVENTS} deliveries arrived`);

  const [ingest] = await sql<{ n: string; last: number | null }>(
    `SELECT count(*) AS n, extract(epoch FROM max(created_at)) * 1000 AS last FROM events WHERE source = 'kafka'`,
  );
  const ingested = Number(ingest?.n ?? 0);
  const messages = await sqlNumber('SELECT count(*) AS n FROM messages');
  const bytesPer1000 = ((await pipelineBytes()) - bytesBefore) / (messages / 1000);
  await stopAll(workers);

  const lastDelivery = report.times.at(-1) ?? Number.NaN;
  const deliveriesPerSecond = report.stats.distinct / ((lastDelivery - produced.firstAt) / 1000);
  const eventsPerSecond = ingested / ((Number(ingest?.last) - produced.firstAt) / 1000);
  const latency = percentiles(report.latencies);
  const peakRss = Math.max(...workerRss);
  printTable(
    `Kafka pipeline: ${fmt(EVENTS)} events, ${WORKERS} worker(s), ${PARTITIONS} partitions`,
    ['metric', 'value'],
    [
      [
        'events produced (s to produce)',
        `${fmt(EVENTS)} (${fmt((produced.lastAt - produced.firstAt) / 1000, 1)})`,
      ],
      ['events ingested (events table)', fmt(ingested)],
      ['events ingested/s (first produce → last event row)', fmt(eventsPerSecond)],
      ['deliveries (distinct webhook-id at the sink)', fmt(report.stats.distinct)],
      ['lost (events − deliveries)', fmt(EVENTS - report.stats.distinct)],
      ['repeated (same webhook-id again)', fmt(report.stats.repeats)],
      ['deliveries/s (first produce → last delivery)', fmt(deliveriesPerSecond)],
      ['drain after the last produce (s)', fmt((lastDelivery - produced.lastAt) / 1000, 1)],
      [
        'event→delivery p50 / p95 / p99 / max (ms)',
        [latency.p50, latency.p95, latency.p99, latency.max].map((v) => fmt(v)).join(' / '),
      ],
      [
        'peak worker RSS (MiB; at rest before the burst)',
        `${fmt(peakRss)}${WORKERS > 1 ? ` (each: ${workerRss.map((v) => fmt(v)).join(', ')})` : ''}; ${fmt(restRss)}`,
      ],
      ['database bytes per 1,000 messages', fmt(bytesPer1000)],
    ],
  );
  reportLogs(workers);

  const metrics: Record<string, number> = {
    events: EVENTS,
    deliveries: report.stats.distinct,
    lost: EVENTS - report.stats.distinct,
    repeats: report.stats.repeats,
    eventsPerSecond,
    deliveriesPerSecond,
    p50: latency.p50,
    p95: latency.p95,
    p99: latency.p99,
    workerRssMiB: peakRss,
    workerRestRssMiB: restRss,
    bytesPer1000,
  };
  if (!values['skip-baselines']) {
    const consume = await consumeOnly(kafka, brokers, PARTITIONS, EVENTS);
    const boss = await pgBossLoop(EVENTS);
    printPgBoss(boss);
    printTable(
      'Kafka pipeline against its baselines (same run)',
      ['baseline', 'baseline rate (/s)', 'pipeline deliveries/s ÷ baseline', 'events ingested/s ÷ baseline'],
      [
        [
          `kafkajs consume-only (${fmt(consume.consumed)} messages)`,
          fmt(consume.perSecond),
          fmt(ratio(deliveriesPerSecond, consume.perSecond), 2),
          fmt(ratio(eventsPerSecond, consume.perSecond), 2),
        ],
        [
          'bare pg-boss send→work→complete',
          fmt(boss.perSecond),
          fmt(ratio(deliveriesPerSecond, boss.perSecond), 2),
          fmt(ratio(eventsPerSecond, boss.perSecond), 2),
        ],
      ],
    );
    Object.assign(metrics, {
      consumeOnlyPerSecond: consume.perSecond,
      pgbossPerSecond: boss.perSecond,
      pgbossInsertPerSecond: boss.insertPerSecond,
    });
  }
  writeResults(values.json, { bench: 'kafka', workers: WORKERS, metrics });
  await sink.close();
  await closeLib();
});
