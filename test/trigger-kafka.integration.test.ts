import type { ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import type { Admin, Producer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import * as health from '../app/api/health/route';
import * as triggerRoute from '../app/api/v1/triggers/[id]/route';
import { db, schema } from '../lib/db';
import { updateTrigger } from '../lib/triggers/service';
import { kafkaAndWorkerForFile, kafkaTrigger as newKafkaTrigger } from './support/broker-triggers';
import { KAFKA_BROKER, waitForCount } from './support/brokers';
import { eventsOf, runsOf, runsPerMatchingEvent } from './support/event-counts';
import { call, makeApiKey } from './support/factories';
import { startTestTriggerManager } from './support/pipeline';
import { privateKafka } from './support/private-kafka';
import { spawnWorker } from './support/processes';

const running = kafkaAndWorkerForFile();
const children: ChildProcess[] = [];

// Before the worker stops (a file's own afterAll runs before the fixture's).
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function kafkaTrigger(
  filter: Record<string, unknown> = { 'data.keep': true },
  on: { admin: Admin; broker: string } = { admin: running.admin, broker: KAFKA_BROKER },
) {
  return newKafkaTrigger(on.admin, {
    broker: on.broker,
    partitions: 3,
    topicConfig: { 'max.message.bytes': '3145728' },
    config: { offset: 'earliest', filter },
  });
}

async function produce(topic: string, from: number, to: number, through: Producer = running.producer) {
  for (let start = from; start < to; start += 1000) {
    const messages = [];
    for (let i = start; i < Math.min(to, start + 1000); i++) {
      messages.push({
        key: String(i),
        value: JSON.stringify({ event_type: 'load.test', data: { i, keep: i % 2 === 0 } }),
      });
    }
    await through.send({ topic, messages });
  }
}

function startWorkerProcess(): ChildProcess {
  const child = spawnWorker();
  children.push(child);
  return child;
}

describe('Kafka event triggers (real broker)', () => {
  it('10,000 events, a filter matching half: exactly 5,000 runs', async () => {
    const { topic, trigger } = await kafkaTrigger();
    await produce(topic, 0, 10_000);
    const manager = await startTestTriggerManager(running.worker.deps, 'test-a');
    try {
      await waitForCount(() => eventsOf(trigger.id), 10_000, 120_000, 'events stored');
      expect(await runsOf(trigger.id)).toBe(5_000);
      const [status] = await db()
        .select()
        .from(schema.consumerStatus)
        .where(eq(schema.consumerStatus.triggerId, trigger.id));
      expect(status?.state).toBe('running');
      expect(status?.lastMessageAt).toBeTruthy();
      // The same state through the API and the health report.
      const { key } = await makeApiKey('admin');
      const view = (await (await call(triggerRoute.GET, { key, params: { id: trigger.id } })).json()) as {
        status: { state: string; lag: number | null; current: boolean }[];
      };
      expect(view.status).toEqual([expect.objectContaining({ state: 'running', current: true })]);
      const report = (await (await call(health.GET, { path: '/api/health' })).json()) as {
        consumers: { trigger_id: string; state: string }[];
      };
      expect(report.consumers.find((c) => c.trigger_id === trigger.id)?.state).toBe('running');
    } finally {
      await manager.stop();
    }
  }, 150_000);

  it('not JSON, JSON without event_type and a 2 MB body become invalid events; consumption goes on', async () => {
    const { topic, trigger } = await kafkaTrigger({});
    await running.producer.send({
      topic,
      messages: [
        { partition: 0, value: 'this is not json' },
        { partition: 0, value: JSON.stringify({ data: { no: 'type' } }) },
        {
          partition: 0,
          value: JSON.stringify({ event_type: 'big', data: { blob: 'x'.repeat(2 * 1024 * 1024) } }),
        },
        { partition: 0, value: JSON.stringify({ event_type: 'after.bad.ones', data: {} }) },
      ],
    });
    const manager = await startTestTriggerManager(running.worker.deps, 'test-b');
    try {
      await waitForCount(() => eventsOf(trigger.id), 4, 60_000, 'events stored');
      const rows = await db().select().from(schema.events).where(eq(schema.events.triggerId, trigger.id));
      const invalid = rows.filter((r) => r.status === 'invalid');
      expect(invalid).toHaveLength(3);
      expect(invalid.map((r) => r.error).join('\n')).toMatch(/not JSON/);
      expect(invalid.map((r) => r.error).join('\n')).toMatch(/event_type/);
      expect(invalid.map((r) => r.error).join('\n')).toMatch(/at most 1048576 bytes/);
      expect(invalid.find((r) => r.error?.startsWith('not JSON'))?.raw).toBe('this is not json');
      expect(rows.find((r) => r.status === 'accepted')?.eventType).toBe('after.bad.ones');
    } finally {
      await manager.stop();
    }
  }, 90_000);

  it('a message holding \\u0000 in the middle of a batch becomes an invalid event; the rest of the batch is stored', async () => {
    const { topic, trigger } = await kafkaTrigger({});
    const good = (i: number) => ({ partition: 0, value: JSON.stringify({ event_type: 'ok', data: { i } }) });
    await running.producer.send({
      topic,
      messages: [
        ...Array.from({ length: 10 }, (_, i) => good(i)),
        // Valid JSON that PostgreSQL's jsonb refuses, and a lone UTF-16 surrogate it refuses too.
        { partition: 0, value: '{"event_type":"nul","data":{"name":"a\\u0000b"}}' },
        { partition: 0, value: '{"event_type":"surrogate","data":{"name":"\\ud800"}}' },
        ...Array.from({ length: 10 }, (_, i) => good(10 + i)),
      ],
    });
    const manager = await startTestTriggerManager(running.worker.deps, 'test-nul');
    try {
      await waitForCount(() => eventsOf(trigger.id), 22, 60_000, 'events stored');
      const rows = await db().select().from(schema.events).where(eq(schema.events.triggerId, trigger.id));
      const invalid = rows.filter((r) => r.status === 'invalid');
      expect(invalid.map((r) => r.error).sort()).toEqual([
        'data.name: contains U+0000 (NUL), which PostgreSQL cannot store',
        'data.name: contains an unpaired UTF-16 surrogate, which is not valid Unicode',
      ]);
      expect(invalid.map((r) => r.raw).join('\n')).toContain('a\\u0000b');
      expect(rows.filter((r) => r.status === 'accepted')).toHaveLength(20);
      expect(await runsOf(trigger.id)).toBe(20);
      // The partition did not stall: a later message is ingested as well.
      await running.producer.send({ topic, messages: [good(99)] });
      await waitForCount(() => eventsOf(trigger.id), 23, 30_000, 'the message after the bad batch');
    } finally {
      await manager.stop();
    }
  }, 90_000);

  it('disabling a running trigger stops consumption within 5 s: the group has no member', async () => {
    const { trigger } = await kafkaTrigger();
    const config = trigger.config as unknown as { consumer_group: string };
    const manager = await startTestTriggerManager(running.worker.deps, 'test-c');
    try {
      await waitForCount(
        async () => (await running.admin.describeGroups([config.consumer_group])).groups[0]!.members.length,
        1,
        30_000,
        'member joined',
      );
      const disabledAt = Date.now();
      await updateTrigger(trigger.id, { enabled: false }, { principal: null });
      await waitForCount(
        async () =>
          (await running.admin.describeGroups([config.consumer_group])).groups[0]!.members.length === 0
            ? 1
            : 0,
        1,
        5_000,
        'group empty',
      );
      expect(Date.now() - disabledAt).toBeLessThan(5_000);
    } finally {
      await manager.stop();
    }
  }, 60_000);

  it('two worker processes share the partitions; SIGKILL one mid-stream: every matching event has exactly one run', async () => {
    const { topic, trigger } = await kafkaTrigger();
    const config = trigger.config as unknown as { consumer_group: string };
    const a = startWorkerProcess();
    startWorkerProcess();
    await waitForCount(
      async () => (await running.admin.describeGroups([config.consumer_group])).groups[0]!.members.length,
      2,
      60_000,
      'two members',
    );
    await produce(topic, 0, 10_000);
    await waitForCount(() => eventsOf(trigger.id), 2_000, 60_000, 'some events stored');
    a.kill('SIGKILL');
    await produce(topic, 10_000, 12_000);
    await waitForCount(() => eventsOf(trigger.id), 12_000, 120_000, 'all events stored after the kill');
    expect(await runsOf(trigger.id)).toBe(6_000);
    expect(await runsPerMatchingEvent(trigger.id)).toEqual({ events: 6_000, maxRuns: 1, minRuns: 1 });
  }, 200_000);

  it('the broker stopped for 20 s mid-stream: the consumer recovers by itself, nothing lost or duplicated', async () => {
    // A broker of this test's own: the dev broker on 9092 serves the other test files meanwhile.
    const own = privateKafka(9196);
    await own.start();
    const ownAdmin = own.client('switchboard-tests').admin();
    const ownProducer = own.client('switchboard-tests').producer();
    await Promise.all([ownAdmin.connect(), ownProducer.connect()]);
    const { topic, trigger } = await kafkaTrigger(undefined, { admin: ownAdmin, broker: own.broker });
    await ownAdmin.disconnect();
    const manager = await startTestTriggerManager(running.worker.deps, 'test-d');
    try {
      await produce(topic, 0, 2_000, ownProducer);
      await ownProducer.disconnect();
      await waitForCount(() => eventsOf(trigger.id), 2_000, 60_000, 'first half stored');
      await own.stop(60_000);
      await new Promise((r) => setTimeout(r, 20_000));
      await own.start();
      const again = own.client('switchboard-tests').producer();
      await again.connect();
      try {
        await produce(topic, 2_000, 4_000, again);
      } finally {
        await again.disconnect();
      }
      await waitForCount(() => eventsOf(trigger.id), 4_000, 120_000, 'all stored after the outage');
      expect(await runsPerMatchingEvent(trigger.id)).toEqual({ events: 2_000, maxRuns: 1, minRuns: 1 });
    } finally {
      await manager.stop();
      await own.stop();
    }
  }, 300_000);
});
