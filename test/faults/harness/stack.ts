import amqp from 'amqplib';
import pg from 'pg';
import { stopConfigListener } from '../../../lib/cache/config-cache';
import { createChannelSchema } from '../../../lib/channels/schemas';
import { createChannel } from '../../../lib/channels/service';
import { makeApiKey, makeTrigger, makeWorkflow, uniq } from '../../support/factories';
import { FAULT_KAFKA_BROKER, faultKafka } from './kafka-broker';
import type { Accepted, Source } from './load-sources';
import { kafkaSource, rabbitSource, restSource } from './load-sources';
import { freePort, sleep } from './ports';
import { type Managed, webProcess, workerProcess } from './processes';
import { type FaultSink, startFaultSink } from './sink';

export interface Collector {
  accepted: Accepted[];
  rejected: { uid: string; why: string }[];
}

/**
 * What every fault scenario runs on: the file's database on the suite's own PostgreSQL, two worker processes,
 * one web process, a webhook channel to the sink (retries after 1–2 s, the default 10 s timeout, 5 attempts), and one
 * workflow with three triggers: `api`, a Kafka topic on the suite's broker, a RabbitMQ queue on its vhost.
 * Every event fans out to its `data.recipients` (1–3 messages).
 */
export interface Stack {
  databaseUrl: string;
  /** For the suite's own reads (checks, samples): never the product's pool. */
  pool: pg.Pool;
  sink: FaultSink;
  workers: Managed[];
  web: Managed;
  collector: Collector;
  sources: { api: Source & { inFlight(): number }; kafka: Source; rabbitmq: Source };
  rabbitReconnects(): number;
  close(): Promise<void>;
}

export async function startStack(opts: { vhostUrl: string; databaseUrl: string }): Promise<Stack> {
  const { vhostUrl, databaseUrl } = opts;
  const id = uniq();
  const sink = await startFaultSink();
  const channel = await createChannel(
    createChannelSchema.parse({
      name: `fault-hook-${id}`,
      provider: 'webhook',
      config: { url: `${sink.url}/hook` },
      retry_policy: { max_attempts: 5, base_delay_seconds: 1, max_delay_seconds: 2 },
    }),
    { principal: null },
  );
  const workflow = await makeWorkflow({
    steps: [
      {
        type: 'send',
        channel_id: channel.id,
        to: "{{ data.recipients | join: ',' }}",
        template: { body: '{"uid": "{{ data.uid }}", "to": "{{ recipient }}"}' },
      },
    ] as never,
  });
  await makeTrigger(workflow.id, { config: { filter: { event_type: 'fault.load' } } } as never);

  const topic = `sb-faults-${id}`;
  const kafka = faultKafka(`sb-faults-${id}`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  await makeTrigger(workflow.id, {
    type: 'event',
    config: {
      queue_type: 'kafka',
      brokers: [FAULT_KAFKA_BROKER],
      topic,
      consumer_group: `sb-faults-${id}`,
      offset: 'earliest',
      filter: {},
    },
  } as never);
  const queue = `sb-faults-${id}`;
  await makeTrigger(workflow.id, {
    type: 'event',
    config: { queue_type: 'rabbitmq', connection: vhostUrl, queue, prefetch: 50, filter: {} },
  } as never);
  const { key } = await makeApiKey('trigger');
  // The suite's own process holds no product connection through the faults.
  await stopConfigListener();

  const env = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: process.env.DATA_DIR!,
    OUTBOUND_ALLOWLIST: '127.0.0.1/32',
  };
  const workers = [workerProcess('worker-1', env), workerProcess('worker-2', env)];
  const webPort = await freePort();
  const web = webProcess(webPort, env);
  await Promise.all([...workers.map((w) => w.start()), web.start()]);
  await waitForQueue(vhostUrl, queue);

  const collector: Collector = { accepted: [], rejected: [] };
  const onAccepted = (a: Accepted) => collector.accepted.push(a);
  const onRejected = (uid: string, why: string) => collector.rejected.push({ uid, why });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const rabbit = rabbitSource(vhostUrl, queue, onAccepted, onRejected);
  await rabbit.ready();
  const sources = {
    api: restSource(() => `http://127.0.0.1:${webPort}`, key, onAccepted, onRejected),
    kafka: kafkaSource(producer, topic, onAccepted, onRejected),
    rabbitmq: rabbit,
  };
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 3,
    connectionTimeoutMillis: 2000,
    query_timeout: 15_000,
  });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));

  return {
    databaseUrl,
    pool,
    sink,
    workers,
    web,
    collector,
    sources,
    rabbitReconnects: () => rabbit.reconnects(),
    async close() {
      await Promise.all([...workers.map((w) => w.kill()), web.kill()]);
      await Promise.all(Object.values(sources).map((s) => s.close().catch(() => {})));
      await pool.end().catch(() => {});
      await sink.close();
    },
  };
}

/** The consumer declares its queue; the load publishes to it only once it exists. */
async function waitForQueue(url: string, queue: string): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    for (let i = 0; i < 120; i++) {
      const channel = await connection.createChannel();
      channel.on('error', () => {});
      try {
        await channel.checkQueue(queue);
        await channel.close();
        return;
      } catch {
        await sleep(250);
      }
    }
    throw new Error(`the worker did not declare queue ${queue} within 30 s`);
  } finally {
    await connection.close().catch(() => {});
  }
}
