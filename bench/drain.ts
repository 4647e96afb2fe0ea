/**
 * Delivery alone: a backlog of N queued messages (one event fanned out to N recipients, written before any
 * worker runs) drained by real worker processes to the sink. Isolates the delivery engine (fetch, claim, send,
 * settle) from ingestion; the bare pg-boss loop is its baseline.
 *
 *   npm run bench:drain -- [--messages 20000] [--workers 1] [--json results.json]
 */
import { parseArgs } from 'node:util';
import { runBenchmark } from './support/cleanup';
import { printContext } from './support/context';
import { createBenchDatabase } from './support/database';
import { benchEnvironment } from './support/environment';
import { startWorkers, stopAll, waitForWorkers } from './support/processes';
import { writeResults } from './support/results';
import { sampleRss } from './support/rss';
import { startSink } from './support/sink';
import { printTable } from './support/table';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});
const MESSAGES = Number(values.messages);
const WORKERS = Number(values.workers);

await runBenchmark(async () => {
  const database = await createBenchDatabase();
  const env = benchEnvironment(database.url);
  const sink = await startSink();
  const { createScenario, closeLib } = await import('./support/scenario');
  const { createWorkflow } = await import('../lib/workflows/service');
  const { engineDeps } = await import('../lib/deps');
  const { triggerWorkflow } = await import('../lib/workflow-engine/trigger-workflow');
  const scenario = await createScenario(sink.url, { type: 'api' });
  const workflow = await createWorkflow(
    {
      key: 'drain',
      name: 'Drain',
      enabled: true,
      steps: [
        {
          type: 'send',
          channel_id: scenario.channelId,
          to: "{{ data.to | join: ',' }}",
          template: { body: '{"t": {{ data.t }}, "to": "{{ recipient }}"}' },
        },
      ],
    },
    { principal: null },
  );
  const to = Array.from({ length: MESSAGES }, (_, i) => `r${i}`);
  await triggerWorkflow(workflow.id, { data: { t: Date.now(), to } }, await engineDeps());
  printContext('Delivery drain: run', [['messages queued', MESSAGES.toLocaleString('en')]]);

  const workers = await startWorkers(WORKERS, env);
  await waitForWorkers(workers);
  const rss = sampleRss(workers.map((w) => w.pid));
  const started = Date.now();
  const stats = await sink.waitFor(MESSAGES, 300_000, 30_000);
  const seconds = (stats.lastAt - started) / 1000;
  const peak = Math.round(Math.max(...rss.stop()));
  printTable(
    `Delivery drain: ${MESSAGES.toLocaleString('en')} messages, ${WORKERS} worker(s)`,
    ['metric', 'value'],
    [
      ['delivered (distinct webhook-id)', stats.distinct.toLocaleString('en')],
      ['repeated', String(stats.repeats)],
      [
        'deliveries/s (workers up → last delivery)',
        Math.round(stats.distinct / seconds).toLocaleString('en'),
      ],
      ['peak worker RSS (MiB)', String(peak)],
    ],
  );
  writeResults(values.json, {
    bench: 'drain',
    metrics: { drainDeliveriesPerSecond: Math.round(stats.distinct / seconds), drainWorkerRss: peak },
  });
  await stopAll(workers);
  await sink.close();
  await closeLib();
});
