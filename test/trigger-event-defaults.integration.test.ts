import amqp from 'amqplib';
import { eq } from 'drizzle-orm';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/triggers/[id]/route';
import * as collection from '../app/api/v1/triggers/route';
import { db, schema } from '../lib/db';
import { env } from '../lib/env';
import { describeTriggerTypes } from '../lib/triggers/describe';
import { openTriggerConfig } from '../lib/triggers/secrets';
import { kafka, RABBITMQ_URL, requireKafka, requireRabbitmq, waitForCount } from './support/brokers';
import { call, makeApiKey, makeWorkflow, uniq } from './support/factories';
import { startTestTriggerManager, startTestWorker } from './support/pipeline';

let key: string;
let producer: Producer;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  await Promise.all([requireKafka(), requireRabbitmq()]);
  key = (await makeApiKey('admin')).key;
  producer = kafka().producer({ allowAutoTopicCreation: true });
  await producer.connect();
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await producer?.disconnect();
});

type View = { id: string; config: Record<string, unknown> };

async function create(config: Record<string, unknown>): Promise<View> {
  const workflow = await makeWorkflow({ steps: [{ type: 'condition', filter: {} }] });
  const res = await call(collection.POST, {
    method: 'POST',
    key,
    body: { name: `seed ${uniq()}`, type: 'event', workflow_id: workflow.id, config },
  });
  expect(res.status).toBe(201);
  const view = (await res.json()) as View;
  // The stored config, as the API shows it later, holds the same defaults.
  expect(await (await call(item.GET, { key, params: { id: view.id } })).json()).toMatchObject({
    config: view.config,
  });
  return view;
}

async function eventsWith(triggerId: string, eventType: string) {
  const rows = await db().select().from(schema.events).where(eq(schema.events.triggerId, triggerId));
  return rows.filter((r) => r.eventType === eventType).length;
}

describe("the seed's event trigger examples work as written", () => {
  it('{queue_type: "kafka", topic, filter}: brokers from KAFKA_BROKERS, group switchboard.<topic>, offset latest; it consumes', async () => {
    const topic = `sb-seed-${uniq()}`;
    const view = await create({ queue_type: 'kafka', topic, filter: { event_type: 'user.created' } });
    expect(view.config).toEqual({
      queue_type: 'kafka',
      brokers: env().KAFKA_BROKERS,
      topic,
      consumer_group: `switchboard.${topic}`,
      offset: 'latest',
      ssl: false,
      filter: { event_type: 'user.created' },
    });
    expect(env().KAFKA_BROKERS).toEqual(process.env.KAFKA_BROKERS?.split(',') ?? ['127.0.0.1:9092']);

    const manager = await startTestTriggerManager(worker.deps, `seed-kafka-${uniq()}`);
    try {
      // offset latest: produce until the new group has started reading, then one event it must ingest.
      await waitForCount(
        async () => {
          await producer.send({
            topic,
            messages: [{ value: JSON.stringify({ event_type: 'user.created', data: { probe: true } }) }],
          });
          await new Promise((r) => setTimeout(r, 300));
          return eventsWith(view.id, 'user.created');
        },
        1,
        60_000,
        'an event consumed with the default brokers and group',
      );
    } finally {
      await manager.stop();
    }
  }, 90_000);

  it('{queue_type: "rabbitmq", queue, filter}: connection from RABBITMQ_URL (stored sealed, shown masked); it consumes', async () => {
    const queue = `sb-seed-${uniq()}`;
    const view = await create({ queue_type: 'rabbitmq', queue, filter: {} });
    expect(view.config).toMatchObject({
      queue_type: 'rabbitmq',
      queue,
      exchange_type: 'topic',
      routing_key: '#',
      prefetch: 100,
      filter: {},
    });
    expect(view.config.connection).toMatch(/^••••/);
    const [row] = await db().select().from(schema.triggers).where(eq(schema.triggers.id, view.id));
    expect(String(row!.config.connection)).toMatch(/^sb1:/);
    expect(openTriggerConfig('event', row!.config).connection).toBe(env().RABBITMQ_URL);
    // The default (it may hold a password) is not published in the console's form descriptions.
    expect(JSON.stringify(describeTriggerTypes())).not.toContain(env().RABBITMQ_URL);

    const manager = await startTestTriggerManager(worker.deps, `seed-rabbit-${uniq()}`);
    const connection = await amqp.connect(RABBITMQ_URL);
    try {
      const channel = await connection.createChannel();
      // Published to the queue by name (the default exchange) until the consumer has declared it.
      await waitForCount(
        async () => {
          const body = Buffer.from(JSON.stringify({ event_type: 'seed.rabbit', data: {} }));
          channel.sendToQueue(queue, body, { messageId: `seed-${uniq()}` });
          await new Promise((r) => setTimeout(r, 300));
          return eventsWith(view.id, 'seed.rabbit');
        },
        1,
        30_000,
        'an event consumed with the default connection',
      );
    } finally {
      await connection.close().catch(() => {});
      await manager.stop();
    }
  }, 60_000);

  it('an explicit consumer_group, brokers and connection are kept as given', async () => {
    const topic = `sb-seed-${uniq()}`;
    const kafkaView = await create({
      queue_type: 'kafka',
      topic,
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      consumer_group: 'billing',
    });
    expect(kafkaView.config).toMatchObject({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      consumer_group: 'billing',
    });
    const rabbitView = await create({
      queue_type: 'rabbitmq',
      queue: 'q',
      connection: 'amqp://u:p@mq.internal:5672',
    });
    const [row] = await db().select().from(schema.triggers).where(eq(schema.triggers.id, rabbitView.id));
    expect(openTriggerConfig('event', row!.config).connection).toBe('amqp://u:p@mq.internal:5672');
  });
});
