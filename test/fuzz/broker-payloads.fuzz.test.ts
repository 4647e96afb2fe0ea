import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { and, count, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import type { Admin, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, schema } from '../../lib/db';
import { KAFKA_BROKER, kafka, RABBITMQ_URL, requireKafka, requireRabbitmq } from '../support/brokers';
import { makeTrigger, makeWorkflow, uniq } from '../support/factories';
import { startTestTriggerManager, startTestWorker } from '../support/pipeline';
import { batchOf, type Payload, sentinel } from './support/broker-payloads';

/**
 * Kafka and RabbitMQ event triggers fed what a broker can carry: random bytes, bodies of up to 5 MB, events in
 * UTF-16 or Latin-1 or with bytes that are not UTF-8, JSON that is not an event, deeply nested JSON, all
 * interleaved with valid events. Each valid event is stored once, as accepted, with its one run; each bad one
 * once, as invalid with its error; and the consumer keeps going (a valid event sent last is stored).
 */

const BATCH = 24;
const RUNS = Number(process.env.FUZZ_BROKER_RUNS ?? 4);
const SIX_MIB = String(6 * 1024 * 1024);

let admin: Admin;
let producer: Producer;
let connection: ChannelModel;
let channel: Channel;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
let manager: Awaited<ReturnType<typeof startTestTriggerManager>>;
let kafkaTopic: string;
let kafkaTriggerId: string;
let rabbit: { exchange: string; queue: string; triggerId: string };

beforeAll(async () => {
  await Promise.all([requireKafka(), requireRabbitmq()]);
  admin = kafka().admin();
  producer = kafka().producer();
  await Promise.all([admin.connect(), producer.connect()]);
  connection = await amqp.connect(RABBITMQ_URL);
  channel = await connection.createChannel();
  channel.on('error', () => {});
  worker = await startTestWorker();

  const workflow = await makeWorkflow({ steps: [{ type: 'condition', filter: {} }] });
  kafkaTopic = `sb-fuzz-${uniq()}`;
  await admin.createTopics({
    topics: [
      { topic: kafkaTopic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: SIX_MIB }] },
    ],
    waitForLeaders: true,
  });
  const kafkaTrigger = await makeTrigger(workflow.id, {
    type: 'event',
    config: {
      queue_type: 'kafka',
      brokers: [KAFKA_BROKER],
      topic: kafkaTopic,
      consumer_group: `sb-fuzz-${uniq()}`,
      offset: 'earliest',
      filter: {},
    },
  } as never);
  kafkaTriggerId = kafkaTrigger.id;
  const exchange = `sb-fuzz-ex-${uniq()}`;
  const queue = `sb-fuzz-q-${uniq()}`;
  const rabbitTrigger = await makeTrigger(workflow.id, {
    type: 'event',
    config: {
      queue_type: 'rabbitmq',
      connection: RABBITMQ_URL,
      queue,
      exchange,
      routing_key: 'fuzz.#',
      prefetch: 50,
      filter: {},
    },
  } as never);
  rabbit = { exchange, queue, triggerId: rabbitTrigger.id };
  manager = await startTestTriggerManager(worker.deps, `fuzz-${uniq()}`);
  await waitForQueue(queue);
}, 120_000);

afterAll(async () => {
  await manager?.stop();
  await worker?.stop();
  await Promise.all([producer?.disconnect(), admin?.disconnect()]);
  await connection?.close().catch(() => {});
});

async function waitForQueue(queue: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      await channel.checkQueue(queue);
      return;
    } catch {
      channel = await connection.createChannel(); // a failed check closes the channel
      channel.on('error', () => {});
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`the consumer did not declare ${queue} within 30 s`);
}

/** Each payload as its own produce request (one record batch each), so every one gets a known offset. */
async function produceKafka(payloads: Payload[]): Promise<string[]> {
  const sourceIds: string[] = [];
  for (const payload of payloads) {
    const [meta] = await producer.send({
      topic: kafkaTopic,
      messages: [{ partition: 0, value: payload.bytes }],
    });
    sourceIds.push(`${kafkaTopic}/0/${meta!.baseOffset}`);
  }
  return sourceIds;
}

async function publishRabbit(payloads: Payload[]): Promise<string[]> {
  return payloads.map((payload) => {
    const messageId = `fz-${uniq()}-${uniq()}`;
    channel.publish(rabbit.exchange, 'fuzz.event', payload.bytes ?? Buffer.alloc(0), {
      messageId,
      persistent: true,
    });
    return `${rabbit.queue}:${messageId}`;
  });
}

async function lastError(triggerId: string): Promise<string> {
  const rows = await db()
    .select()
    .from(schema.consumerStatus)
    .where(eq(schema.consumerStatus.triggerId, triggerId));
  return JSON.stringify(rows.map((r) => ({ state: r.state, lastError: r.lastError })));
}

/**
 * Waits until every payload has its event, then says what is wrong with any of them: missing, stored as the
 * wrong status, a valid event without its data or without exactly one run.
 */
async function verify(triggerId: string, payloads: Payload[], sourceIds: string[]): Promise<void> {
  const { events, workflowRuns } = schema;
  const where = and(eq(events.triggerId, triggerId), inArray(events.sourceId, sourceIds));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const [row] = await db().select({ n: count() }).from(events).where(where);
    if (row!.n >= sourceIds.length) break;
    if (Date.now() > deadline) {
      throw new Error(
        `${row!.n} of ${sourceIds.length} messages stored within 90 s; consumer: ${await lastError(triggerId)}\n` +
          `kinds: ${payloads.map((p) => p.kind).join(', ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const rows = await db().select().from(events).where(where);
  const bySource = new Map(rows.map((r) => [r.sourceId, r]));
  const runs = await db()
    .select({ eventId: workflowRuns.eventId, n: count() })
    .from(workflowRuns)
    .where(
      inArray(
        workflowRuns.eventId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(workflowRuns.eventId);
  const runsOf = new Map(runs.map((r) => [r.eventId, r.n]));
  const wrong: string[] = [];
  for (const [i, payload] of payloads.entries()) {
    const event = bySource.get(sourceIds[i]!);
    if (!event) {
      wrong.push(`${payload.kind}: not stored`);
    } else if (event.status !== payload.expect) {
      wrong.push(
        `${payload.kind}: stored as ${event.status} (${event.error ?? 'no error'}), expected ${payload.expect}`,
      );
    } else if (payload.expect === 'invalid') {
      if (!event.error) wrong.push(`${payload.kind}: invalid without an error`);
    } else {
      const data = (event.payload as { data?: { marker?: string } } | null)?.data;
      if (data?.marker !== payload.marker) wrong.push(`${payload.kind}: stored payload lost its data`);
      if (runsOf.get(event.id) !== 1)
        wrong.push(`${payload.kind}: ${runsOf.get(event.id) ?? 0} runs, expected 1`);
    }
  }
  if (wrong.length) throw new Error(wrong.join('\n'));
}

/** The inputs the fuzz run found mishandled, as fixed examples among valid events. */
function foundDefects(): Payload[] {
  const valid = () => sentinel();
  return [
    valid(),
    // Stalled the partition / queue: a stack overflow in ingestion was retried forever as "database unavailable".
    {
      kind: 'nested-50000',
      bytes: Buffer.from(`{"event_type":"deep","data":{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`),
      expect: 'invalid',
    },
    valid(),
    // Was accepted with U+FFFD in place of the é.
    {
      kind: 'latin1',
      bytes: Buffer.from('{"event_type":"latin1","data":{"name":"caf\u00e9"}}', 'latin1'),
      expect: 'invalid',
    },
    valid(),
  ];
}

describe('defects found by fuzzing the brokers', () => {
  it('Kafka: deep JSON and a Latin-1 event become invalid events; the valid ones around them are stored', async () => {
    const payloads = foundDefects();
    await verify(kafkaTriggerId, payloads, await produceKafka(payloads));
  }, 120_000);

  it('RabbitMQ: deep JSON and a Latin-1 event become invalid events; the valid ones around them are stored', async () => {
    const payloads = foundDefects();
    await verify(rabbit.triggerId, payloads, await publishRabbit(payloads));
  }, 120_000);
});

describe('broker payload fuzzing (real brokers)', () => {
  it('Kafka: every message stored once, as what it is; the consumer goes on', async () => {
    await fc.assert(
      fc.asyncProperty(batchOf(BATCH), async (batch) => {
        const payloads = [...batch, sentinel()];
        await verify(kafkaTriggerId, payloads, await produceKafka(payloads));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await lastError(kafkaTriggerId)).toContain('"state":"running"');
  }, 600_000);

  it('RabbitMQ: every message stored once, as what it is; the consumer goes on', async () => {
    await fc.assert(
      fc.asyncProperty(batchOf(BATCH), async (batch) => {
        const payloads = [...batch, sentinel()];
        await verify(rabbit.triggerId, payloads, await publishRabbit(payloads));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await lastError(rabbit.triggerId)).toContain('"state":"running"');
  }, 600_000);
});
