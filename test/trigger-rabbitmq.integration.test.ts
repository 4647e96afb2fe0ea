import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { rabbitmqAndWorkerForFile, rabbitmqTrigger } from './support/broker-triggers';
import { waitForCount } from './support/brokers';
import { eventsOf, runsPerMatchingEvent } from './support/event-counts';
import { startTestTriggerManager } from './support/pipeline';
import { spawnTs } from './support/processes';

const rabbit = rabbitmqAndWorkerForFile();
const children: ChildProcess[] = [];

// Before the worker stops (a file's own afterAll runs before the fixture's).
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

const rabbitTrigger = (filter: Record<string, unknown> = { 'data.keep': true }) =>
  rabbitmqTrigger({ routing_key: 'orders.#', prefetch: 200, filter });

/** Publishes through the exchange once the consumer has declared and bound the queue. */
async function publish(exchange: string, from: number, to: number) {
  for (let i = from; i < to; i++) {
    const body = Buffer.from(JSON.stringify({ event_type: 'order.created', data: { i, keep: i % 2 === 0 } }));
    rabbit.channel.publish(exchange, 'orders.created', body, { messageId: `m-${i}`, persistent: true });
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
}

async function waitForBinding(queue: string) {
  await waitForCount(
    async () => ((await rabbit.check((channel) => channel.checkQueue(queue))) ? 1 : 0),
    1,
    30_000,
    'queue declared by the consumer',
  );
  await new Promise((r) => setTimeout(r, 300));
}

const manager = (workerId: string) => startTestTriggerManager(rabbit.worker.deps, workerId);

describe('RabbitMQ event triggers (real broker)', () => {
  it('10,000 events, a filter matching half: exactly 5,000 runs', async () => {
    const { exchange, queue, trigger } = await rabbitTrigger();
    const m = await manager('rabbit-a');
    try {
      await waitForBinding(queue);
      await publish(exchange, 0, 10_000);
      await waitForCount(() => eventsOf(trigger.id), 10_000, 120_000, 'events stored');
      expect(await runsPerMatchingEvent(trigger.id)).toEqual({ events: 5_000, maxRuns: 1, minRuns: 1 });
    } finally {
      await m.stop();
    }
  }, 150_000);

  it('invalid messages become invalid events and are dead-lettered; consumption goes on', async () => {
    const { exchange, queue, trigger } = await rabbitTrigger({});
    const m = await manager('rabbit-b');
    try {
      await waitForBinding(queue);
      rabbit.channel.publish(exchange, 'orders.bad', Buffer.from('not json at all'), { messageId: 'bad-1' });
      rabbit.channel.publish(exchange, 'orders.bad', Buffer.from(JSON.stringify({ data: {} })), {
        messageId: 'bad-2',
      });
      rabbit.channel.publish(
        exchange,
        'orders.bad',
        Buffer.from(JSON.stringify({ event_type: 'huge', data: { blob: 'y'.repeat(2 * 1024 * 1024) } })),
        {
          messageId: 'bad-3',
        },
      );
      rabbit.channel.publish(
        exchange,
        'orders.good',
        Buffer.from(JSON.stringify({ event_type: 'order.ok', data: {} })),
        { messageId: 'good-1' },
      );
      await waitForCount(() => eventsOf(trigger.id), 4, 30_000, 'events stored');
      const rows = await db().select().from(schema.events).where(eq(schema.events.triggerId, trigger.id));
      expect(rows.filter((r) => r.status === 'invalid')).toHaveLength(3);
      expect(rows.find((r) => r.status === 'accepted')?.eventType).toBe('order.ok');
      await waitForCount(
        async () => (await rabbit.channel.checkQueue(`${queue}.dead`)).messageCount,
        3,
        10_000,
        'dead-lettered',
      );
    } finally {
      await m.stop();
    }
  }, 60_000);

  it('a message holding \\u0000 among good ones becomes an invalid event; the good ones are stored and acked', async () => {
    const { exchange, queue, trigger } = await rabbitTrigger({});
    const m = await manager('rabbit-nul');
    try {
      await waitForBinding(queue);
      for (let i = 0; i < 21; i++) {
        const body =
          i === 10
            ? '{"event_type":"nul","data":{"name":"a\\u0000b"}}'
            : JSON.stringify({ event_type: 'ok', data: { i } });
        rabbit.channel.publish(exchange, 'orders.any', Buffer.from(body), { messageId: `nul-${i}` });
      }
      await waitForCount(() => eventsOf(trigger.id), 21, 30_000, 'events stored');
      const rows = await db().select().from(schema.events).where(eq(schema.events.triggerId, trigger.id));
      expect(rows.filter((r) => r.status === 'accepted')).toHaveLength(20);
      const invalid = rows.filter((r) => r.status === 'invalid');
      expect(invalid.map((r) => r.error)).toEqual([
        'data.name: contains U+0000 (NUL), which PostgreSQL cannot store',
      ]);
      expect(invalid[0]!.raw).toContain('a\\u0000b');
      // Good messages acked, the bad one dead-lettered: nothing is left unacked in the queue.
      await waitForCount(
        async () => (await rabbit.channel.checkQueue(`${queue}.dead`)).messageCount,
        1,
        10_000,
        'dead-lettered',
      );
      expect((await rabbit.channel.checkQueue(queue)).messageCount).toBe(0);
    } finally {
      await m.stop();
    }
  }, 60_000);

  it('connections force-closed mid-stream (rabbitmqctl close_all_connections): recovers, nothing lost or duplicated', async () => {
    const { exchange, queue, trigger } = await rabbitTrigger();
    const m = await manager('rabbit-c');
    try {
      await waitForBinding(queue);
      await publish(exchange, 0, 3_000);
      await waitForCount(() => eventsOf(trigger.id), 500, 60_000, 'some stored');
      execFileSync('rabbitmqctl', ['close_all_connections', 'switchboard test: forced close'], {
        stdio: 'ignore',
      });
      await rabbit.reconnect();
      await publish(exchange, 3_000, 6_000);
      await waitForCount(() => eventsOf(trigger.id), 6_000, 120_000, 'all stored after reconnect');
      expect(await runsPerMatchingEvent(trigger.id)).toEqual({ events: 3_000, maxRuns: 1, minRuns: 1 });
      const [status] = await db()
        .select()
        .from(schema.consumerStatus)
        .where(eq(schema.consumerStatus.triggerId, trigger.id));
      expect(status?.state).toBe('running');
    } finally {
      await m.stop();
    }
  }, 180_000);

  it('a worker SIGKILLed mid-stream and restarted: every matching event has exactly one run', async () => {
    const { exchange, queue, trigger } = await rabbitTrigger();
    const first = spawnTs('worker/index.ts', [], { LOG_LEVEL: 'warn' });
    children.push(first);
    await waitForBinding(queue);
    await publish(exchange, 0, 6_000);
    await waitForCount(() => eventsOf(trigger.id), 1_000, 60_000, 'some stored');
    first.kill('SIGKILL');
    const second = spawnTs('worker/index.ts', [], { LOG_LEVEL: 'warn' });
    children.push(second);
    await waitForCount(() => eventsOf(trigger.id), 6_000, 120_000, 'all stored after restart');
    expect(await runsPerMatchingEvent(trigger.id)).toEqual({ events: 3_000, maxRuns: 1, minRuns: 1 });
  }, 200_000);
});
