import { and, eq } from 'drizzle-orm';
import type { Consumer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { kafkaAndWorkerForFile, kafkaTrigger } from './support/broker-triggers';
import { kafka, waitForCount } from './support/brokers';
import { eventsOf } from './support/event-counts';
import { uniq } from './support/factories';
import { startTestTriggerManager } from './support/pipeline';

const running = kafkaAndWorkerForFile();
const consumers: Consumer[] = [];

// Before the worker stops (a file's own afterAll runs before the fixture's).
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
});

const topicTrigger = (config: Record<string, unknown>) => kafkaTrigger(running.admin, { config });

async function eventsWithPhase(triggerId: string, phase: string) {
  const rows = await db().select().from(schema.events).where(eq(schema.events.triggerId, triggerId));
  return rows.filter((r) => (r.payload as { data?: { phase?: string } } | null)?.data?.phase === phase);
}

/** Every message on `topic` from the beginning, as it arrives. */
async function readTopic(topic: string) {
  const seen: { key: string | null; value: string | null; partition: number; offset: string }[] = [];
  const consumer = kafka().consumer({ groupId: `sb-read-${uniq()}`, maxWaitTimeInMs: 200 });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      seen.push({
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? null,
        partition,
        offset: message.offset,
      });
    },
  });
  return seen;
}

describe('Kafka trigger options (real broker)', () => {
  it('dead_letter_topic: undecodable and schema-invalid messages are copied with their bytes and a topic/partition/offset key; valid ones are not', async () => {
    const deadLetters = `sb-dlt-${uniq()}`;
    await running.admin.createTopics({
      topics: [{ topic: deadLetters, numPartitions: 1 }],
      waitForLeaders: true,
    });
    const { topic, trigger } = await topicTrigger({ offset: 'earliest', dead_letter_topic: deadLetters });
    const bad = [
      'this is not json', // undecodable
      JSON.stringify({ data: { no: 'type' } }), // JSON, but no event_type
      JSON.stringify({ event_type: 'x', data: {}, unknown_field: 1 }), // a field the event format does not have
      JSON.stringify({ event_type: 'x', data: 'not an object' }), // data of the wrong type
    ];
    const good = (i: number) => JSON.stringify({ event_type: 'ok', data: { i } });
    const values = [good(0), bad[0]!, good(1), bad[1]!, bad[2]!, good(2), bad[3]!, good(3)];
    await running.producer.send({ topic, messages: values.map((value) => ({ partition: 0, value })) });
    const dlt = await readTopic(deadLetters);
    const manager = await startTestTriggerManager(running.worker.deps, `dlt-${uniq()}`);
    try {
      await waitForCount(() => eventsOf(trigger.id), values.length, 60_000, 'events stored');
      const invalid = await db()
        .select()
        .from(schema.events)
        .where(and(eq(schema.events.triggerId, trigger.id), eq(schema.events.status, 'invalid')));
      expect(invalid).toHaveLength(bad.length);
      await waitForCount(async () => dlt.length, bad.length, 30_000, 'dead letters');
      // Give anything else that was going to be copied time to arrive: the valid ones must not be there.
      await new Promise((r) => setTimeout(r, 1_500));
      const expected = values.flatMap((value, offset) =>
        bad.includes(value) ? [{ key: `${topic}/0/${offset}`, value }] : [],
      );
      expect(
        dlt.map(({ key, value }) => ({ key, value })).sort((a, b) => a.key!.localeCompare(b.key!)),
      ).toEqual(expected.sort((a, b) => a.key.localeCompare(b.key)));
    } finally {
      await manager.stop();
    }
  }, 90_000);

  it('an invalid message too big for the dead-letter topic does not hold up the partition', async () => {
    const deadLetters = `sb-dlt-${uniq()}`;
    // The dead-letter topic keeps the broker's default message size limit (1 MB); the source topic takes 3 MB.
    await running.admin.createTopics({
      topics: [{ topic: deadLetters, numPartitions: 1 }],
      waitForLeaders: true,
    });
    const { topic, group, trigger } = await topicTrigger({
      offset: 'earliest',
      dead_letter_topic: deadLetters,
    });
    await running.admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: topic, configEntries: [{ name: 'max.message.bytes', value: '3145728' }] }],
    });
    const huge = JSON.stringify({ event_type: 'big', data: { blob: 'x'.repeat(2 * 1024 * 1024) } });
    const values = ['not json', huge, JSON.stringify({ event_type: 'after', data: {} })];
    await running.producer.send({ topic, messages: values.map((value) => ({ partition: 0, value })) });
    const dlt = await readTopic(deadLetters);
    const manager = await startTestTriggerManager(running.worker.deps, `dlt-big-${uniq()}`);
    try {
      await waitForCount(() => eventsOf(trigger.id), values.length, 60_000, 'events stored');
      await waitForCount(async () => dlt.length, 1, 30_000, 'dead letters');
      expect(dlt[0]).toMatchObject({ key: `${topic}/0/0`, value: 'not json' });
      // The partition moved on: the group's committed offset is past all three messages.
      await waitForCount(
        async () => {
          const [committed] = await running.admin.fetchOffsets({ groupId: group, topics: [topic] });
          return Number(committed?.partitions[0]?.offset ?? -1);
        },
        values.length,
        30_000,
        'committed offset',
      );
      expect(dlt).toHaveLength(1);
    } finally {
      await manager.stop();
    }
  }, 90_000);

  it('offset latest: messages produced before the consumer joined are not ingested, messages after are', async () => {
    const { topic, trigger } = await topicTrigger({ offset: 'latest' });
    const send = (phase: string, count: number) =>
      running.producer.send({
        topic,
        messages: Array.from({ length: count }, (_, i) => ({
          value: JSON.stringify({ event_type: 'latest.test', data: { phase, i } }),
        })),
      });
    await send('before', 5);
    const manager = await startTestTriggerManager(running.worker.deps, `latest-${uniq()}`);
    try {
      // A new group starts at the end of the log when it first fetches: probe until a message is consumed,
      // so everything produced next is certainly after the consumer's starting point.
      const deadline = Date.now() + 60_000;
      while ((await eventsWithPhase(trigger.id, 'probe')).length === 0) {
        if (Date.now() > deadline) throw new Error('the consumer never started consuming');
        await send('probe', 1);
        await new Promise((r) => setTimeout(r, 500));
      }
      await send('after', 5);
      await waitForCount(
        async () => (await eventsWithPhase(trigger.id, 'after')).length,
        5,
        30_000,
        'events produced after the consumer joined',
      );
      expect(await eventsWithPhase(trigger.id, 'before')).toHaveLength(0);
    } finally {
      await manager.stop();
    }
  }, 90_000);
});
