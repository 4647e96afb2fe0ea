import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { rabbitmqAndWorkerForFile, rabbitmqTrigger } from './support/broker-triggers';
import { waitForCount } from './support/brokers';
import { uniq } from './support/factories';
import { startTestTriggerManager } from './support/pipeline';

const rabbit = rabbitmqAndWorkerForFile();

describe('RabbitMQ trigger binding (real broker)', () => {
  it('a message whose routing key does not match the binding is not ingested; matching ones are', async () => {
    const { exchange, queue, trigger } = await rabbitmqTrigger({ routing_key: 'orders.*' });
    const manager = await startTestTriggerManager(rabbit.worker.deps, `routing-${uniq()}`);
    try {
      // The consumer declares the exchange, the queue and the binding `orders.*` (a topic exchange by default).
      await waitForCount(
        async () =>
          (await rabbit.check(async (channel) => {
            await channel.checkExchange(exchange);
            return (await channel.checkQueue(queue)).consumerCount;
          })) ?? 0,
        1,
        30_000,
        'the consumer bound its queue',
      );
      const publish = (routingKey: string, id: string) =>
        rabbit.channel.publish(
          exchange,
          routingKey,
          Buffer.from(JSON.stringify({ event_type: id, data: {} })),
          {
            messageId: id,
            persistent: true,
          },
        );
      // `*` is exactly one word: none of these match `orders.*`. They go first on this channel, so had any been
      // routed to the queue it would be stored no later than the matching ones that follow.
      publish('billing.created', 'other.prefix');
      publish('orders.created.eu', 'two.words');
      publish('orders', 'no.word');
      publish('orders.created', 'matching.one');
      publish('orders.paid', 'matching.two');
      await waitForCount(
        async () =>
          (await db().select().from(schema.events).where(eq(schema.events.triggerId, trigger.id))).length,
        2,
        30_000,
        'matching events stored',
      );
      const rows = await db().select().from(schema.events).where(eq(schema.events.triggerId, trigger.id));
      expect(rows.map((r) => r.eventType).sort()).toEqual(['matching.one', 'matching.two']);
      expect((await rabbit.channel.checkQueue(queue)).messageCount).toBe(0);
      expect((await rabbit.channel.checkQueue(`${queue}.dead`)).messageCount).toBe(0);
    } finally {
      await manager.stop();
    }
  }, 60_000);
});
