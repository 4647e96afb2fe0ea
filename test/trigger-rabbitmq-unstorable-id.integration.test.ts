import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { rabbitmqAndWorkerForFile, rabbitmqTrigger } from './support/broker-triggers';
import { waitForCount } from './support/brokers';
import { eventsOf } from './support/event-counts';
import { uniq } from './support/factories';
import { startTestTriggerManager, waitFor } from './support/pipeline';
import { sleep } from './support/trigger-runtime';

// A message id is the publisher's to choose, and AMQP lets it hold U+0000, which PostgreSQL cannot store. Such a
// message must not be retried forever as if the database were down: that would hold up its queue for good.

const rabbit = rabbitmqAndWorkerForFile();

describe('RabbitMQ message ids PostgreSQL cannot store', () => {
  it('a message id holding U+0000 is stored (made visible); the queue goes on', async () => {
    const { exchange, trigger } = await rabbitmqTrigger({ routing_key: '#' });
    const workerId = `nul-id-${uniq()}`;
    const manager = await startTestTriggerManager(rabbit.worker.deps, workerId);
    try {
      await waitFor(
        async () => {
          const [row] = await db()
            .select()
            .from(schema.consumerStatus)
            .where(
              and(
                eq(schema.consumerStatus.triggerId, trigger.id),
                eq(schema.consumerStatus.workerId, workerId),
              ),
            );
          return row?.state === 'running';
        },
        10_000,
        'consumer running',
      );
      await sleep(300); // the consumer has bound its queue
      const body = (i: number) => Buffer.from(JSON.stringify({ event_type: 'nul.id', data: { i } }));
      rabbit.channel.publish(exchange, 'a', body(0), { messageId: 'before' });
      rabbit.channel.publish(exchange, 'a', body(1), { messageId: 'bad\u0000id' });
      await sleep(200); // its own batch, so nothing else shares its fate
      rabbit.channel.publish(exchange, 'a', body(2), { messageId: 'after' });
      await waitForCount(() => eventsOf(trigger.id), 3, 10_000, 'all three stored');
      const rows = await db()
        .select({ sourceId: schema.events.sourceId })
        .from(schema.events)
        .where(eq(schema.events.triggerId, trigger.id));
      expect(rows.map((r) => r.sourceId).sort()).toEqual([
        expect.stringMatching(/:after$/),
        expect.stringMatching(/:bad\\u0000id$/),
        expect.stringMatching(/:before$/),
      ]);
    } finally {
      await manager.stop();
    }
  }, 60_000);
});
