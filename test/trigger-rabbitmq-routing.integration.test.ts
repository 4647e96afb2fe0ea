import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { RABBITMQ_URL, requireRabbitmq, waitForCount } from './support/brokers';
import { makeTrigger, makeWorkflow, uniq } from './support/factories';
import { startTestTriggerManager, startTestWorker } from './support/pipeline';

let connection: ChannelModel;
let channel: Channel;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  await requireRabbitmq();
  connection = await amqp.connect(RABBITMQ_URL);
  channel = await connection.createChannel();
  channel.on('error', () => {});
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await connection?.close().catch(() => {});
});

describe('RabbitMQ trigger binding (real broker)', () => {
  it('a message whose routing key does not match the binding is not ingested; matching ones are', async () => {
    const exchange = `sb-ex-${uniq()}`;
    const queue = `sb-q-${uniq()}`;
    const workflow = await makeWorkflow({ steps: [{ type: 'condition', filter: {} }] });
    const trigger = await makeTrigger(workflow.id, {
      type: 'event',
      config: {
        queue_type: 'rabbitmq',
        connection: RABBITMQ_URL,
        queue,
        exchange,
        routing_key: 'orders.*',
        filter: {},
      },
    } as never);
    const manager = await startTestTriggerManager(worker.deps, `routing-${uniq()}`);
    try {
      // The consumer declares the exchange, the queue and the binding `orders.*` (a topic exchange by default).
      await waitForCount(
        async () => {
          try {
            await channel.checkExchange(exchange);
            const bound = await channel.checkQueue(queue);
            return bound.consumerCount;
          } catch {
            channel = await connection.createChannel(); // a failed check closes the channel
            channel.on('error', () => {});
            return 0;
          }
        },
        1,
        30_000,
        'the consumer bound its queue',
      );
      const publish = (routingKey: string, id: string) =>
        channel.publish(exchange, routingKey, Buffer.from(JSON.stringify({ event_type: id, data: {} })), {
          messageId: id,
          persistent: true,
        });
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
      expect((await channel.checkQueue(queue)).messageCount).toBe(0);
      expect((await channel.checkQueue(`${queue}.dead`)).messageCount).toBe(0);
    } finally {
      await manager.stop();
    }
  }, 60_000);
});
