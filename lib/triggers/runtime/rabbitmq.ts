import { createHash } from 'node:crypto';
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { storableText } from '../../db/unstorable';
import { ingestTriggerBatch } from '../../events/ingest-trigger';
import type { RabbitmqTriggerConfig } from '../types/event';
import { decodeMessage } from './decode';
import { notStoredReport, untilItSucceeds } from './retry';
import type { RuntimeContext, StartRuntime } from './types';

/** How long a partial batch waits for more messages before it is written. */
const FLUSH_MS = 20;
/** How long opening a connection may take (TCP and the AMQP handshake): a host that never answers is an error. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The message's identity for de-duplication: its message-id property (publishers should set one), else a hash
 * of routing key, timestamp and body — a redelivery after a lost connection then still creates nothing. A
 * message id PostgreSQL cannot store (U+0000) is written with it made visible: refused, it would be retried
 * forever and hold up the queue.
 */
function sourceIdOf(queue: string, message: ConsumeMessage): string {
  const id = message.properties.messageId;
  if (id) return storableText(`${queue}:${id}`);
  const hash = createHash('sha256')
    .update(`${message.fields.routingKey}\u0000${message.properties.timestamp ?? ''}\u0000`)
    .update(message.content)
    .digest('hex');
  return `${queue}:sha256:${hash}`;
}

/**
 * An `event` trigger on a RabbitMQ queue: asserts the durable exchange, queue (with a dead-letter exchange) and
 * binding; consumes with prefetch; writes each batch of deliveries in one transaction and only then acks them.
 * Invalid messages are stored as `invalid` events and then rejected to the dead-letter exchange. A lost
 * connection or channel reconnects with backoff; unacked messages are redelivered and de-duplicated.
 */
export const startRabbitmqRuntime: StartRuntime = async (ctx) => {
  const config = ctx.trigger.config as RabbitmqTriggerConfig;
  let stopped = false;
  let connection: ChannelModel | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let attempt = 0;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    await ctx.report({ state: 'connecting' });
    try {
      connection = await amqp.connect(config.connection, {
        clientProperties: { connection_name: `switchboard ${ctx.workerId}` },
        timeout: CONNECT_TIMEOUT_MS,
      });
      const current = connection;
      current.on('error', () => {}); // 'close' follows and handles it
      current.on('close', () => {
        if (stopped || connection !== current) return;
        connection = undefined;
        void ctx.report({ state: 'error', lastError: 'connection closed; reconnecting' });
        scheduleReconnect();
      });
      const channel = await current.createChannel();
      channel.on('error', () => {});
      channel.on('close', () => {
        // A channel can close alone (e.g. a protocol error); start over on a fresh connection.
        if (!stopped && connection === current) void current.close().catch(() => {});
      });
      await setUp(channel, config);
      await consume(channel, config, ctx, () => stopped);
      attempt = 0;
      await ctx.report({ state: 'running', lastError: null });
    } catch (error) {
      await ctx.report({ state: 'error', lastError: (error as Error).message });
      await connection?.close().catch(() => {});
      connection = undefined;
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    if (stopped || reconnectTimer) return;
    const delay = Math.min(30_000, 500 * 2 ** attempt++);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(reconnectTimer);
      await connection?.close().catch(() => {});
      await ctx.report({ state: 'stopped' });
    },
  };
};

async function setUp(channel: Channel, config: RabbitmqTriggerConfig): Promise<void> {
  const dlx = config.dead_letter_exchange ?? `${config.queue}.dlx`;
  await channel.assertExchange(dlx, 'fanout', { durable: true });
  await channel.assertQueue(`${config.queue}.dead`, { durable: true });
  await channel.bindQueue(`${config.queue}.dead`, dlx, '');
  await channel.assertQueue(config.queue, { durable: true, deadLetterExchange: dlx });
  if (config.exchange) {
    await channel.assertExchange(config.exchange, config.exchange_type, { durable: true });
    await channel.bindQueue(config.queue, config.exchange, config.routing_key);
  }
  await channel.prefetch(config.prefetch);
}

async function consume(
  channel: Channel,
  config: RabbitmqTriggerConfig,
  ctx: RuntimeContext,
  isStopped: () => boolean,
): Promise<void> {
  let buffer: ConsumeMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing = Promise.resolve();

  const flush = async () => {
    const batch = buffer;
    buffer = [];
    if (batch.length === 0) return;
    const items = batch.map((m) => decodeMessage(sourceIdOf(config.queue, m), m.content));
    const result = await untilItSucceeds(() => ingestTriggerBatch(ctx.trigger, 'rabbitmq', items, ctx.deps), {
      keepGoing: () => !isStopped(),
      onError: async (error) => {
        await ctx.report(notStoredReport(error));
      },
    });
    // Not stored (stopping): leave them unacked; the broker redelivers them to the next consumer.
    if (!result) return;
    const invalid = new Set(result.invalidIndexes);
    batch.forEach((message, index) => {
      if (invalid.has(index)) channel.nack(message, false, false);
      else channel.ack(message);
    });
    await ctx.report({ state: 'running', lastMessageAt: new Date(), lastError: null });
  };

  await channel.consume(config.queue, (message) => {
    if (!message) return; // the queue was deleted: the channel closes and we reconnect
    buffer.push(message);
    if (buffer.length >= config.prefetch) {
      clearTimeout(timer);
      timer = undefined;
      flushing = flushing
        .then(flush)
        .catch((error) => ctx.log.error({ err: error }, 'rabbitmq flush failed'));
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        flushing = flushing
          .then(flush)
          .catch((error) => ctx.log.error({ err: error }, 'rabbitmq flush failed'));
      }, FLUSH_MS);
    }
  });
}
