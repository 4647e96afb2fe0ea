import net from 'node:net';
import tls from 'node:tls';
import { type ISocketFactory, Kafka, logLevel, type SASLOptions } from 'kafkajs';
import type { Logger } from '../../logger';
import type { KafkaTriggerConfig } from '../types/event';

/** The little the runtime needs from a Kafka client, so kafkajs could be swapped for another library. */
export interface KafkaBatch {
  topic: string;
  partition: number;
  messages: { offset: string; value: Buffer | null }[];
  /** Messages between this batch's last offset and the partition's high watermark. */
  lag: number;
}

export interface KafkaBatchControls {
  /** Keeps the group membership alive during a long wait (throws when a rebalance took the partition away). */
  heartbeat(): Promise<void>;
  /** Still the owner of this batch and not stopping. */
  isRunning(): boolean;
  /** Marks messages up to `offset` done; they are committed once the handler returns. */
  resolve(offset: string): void;
}

export interface KafkaConsumerHandle {
  stop(): Promise<void>;
  /** Copies raw messages to a topic (dead letters). */
  produce(topic: string, messages: { key: string; value: Buffer | null }[]): Promise<void>;
}

/** Refusals of a record that no retry can fix (bigger than the topic takes, corrupt). */
const REFUSED_RECORD = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
]);

/** Whether a produce failed because the broker refuses the record itself (kafkajs wraps it in causes). */
export function isRecordRefused(error: unknown): boolean {
  let current = error as { type?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.type === 'string' && REFUSED_RECORD.has(current.type)) return true;
    current = current.cause as typeof current;
  }
  return false;
}

export async function startKafkaConsumer(
  config: KafkaTriggerConfig,
  clientId: string,
  log: Logger,
  onBatch: (batch: KafkaBatch, controls: KafkaBatchControls) => Promise<void>,
  onEvent: (event: { type: 'connected' | 'crashed' | 'disconnected'; error?: Error }) => void,
  signal?: AbortSignal,
): Promise<KafkaConsumerHandle> {
  // kafkajs retries a connect forever (below) and cannot cancel it. A start given up on (`signal`) must not go on
  // in the background: its sockets are closed and no broker is offered any more, which kafkajs takes as final.
  let started = false;
  let lastError: string | undefined;
  const sockets = new Set<net.Socket>();
  const givenUp = () => !started && signal?.aborted === true;
  const giveUp = () => {
    for (const socket of sockets) socket.destroy(new Error('start given up'));
  };
  signal?.addEventListener('abort', giveUp, { once: true });
  const kafka = new Kafka({
    clientId,
    brokers: () => (givenUp() ? [] : config.brokers),
    socketFactory: trackedSockets(sockets, givenUp),
    ssl: config.ssl,
    sasl: config.sasl
      ? ({
          mechanism: config.sasl.mechanism,
          username: config.sasl.username,
          password: config.sasl.password,
        } as SASLOptions)
      : undefined,
    // Reconnect for as long as it takes (broker restarts): the consumer pauses, it does not give up.
    retry: { initialRetryTime: 500, maxRetryTime: 10_000, retries: Number.MAX_SAFE_INTEGER },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const { message, ...extra } = entry.log;
      if (entry.level === logLevel.ERROR && !givenUp()) lastError = message;
      log.warn({ kafka: { namespace: entry.namespace, ...extra } }, `kafka: ${message}`);
    },
  });
  const consumer = kafka.consumer({
    groupId: config.consumer_group,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    // A short fetch wait keeps stop (disable, redeploy) fast: disconnect waits for the fetch in flight.
    maxWaitTimeInMs: 1_000,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 500, maxRetryTime: 10_000 },
  });
  consumer.on(consumer.events.GROUP_JOIN, () => onEvent({ type: 'connected' }));
  consumer.on(consumer.events.CRASH, ({ payload }) => onEvent({ type: 'crashed', error: payload.error }));
  consumer.on(consumer.events.DISCONNECT, () => onEvent({ type: 'disconnected' }));
  let producer: ReturnType<Kafka['producer']> | undefined;

  try {
    await consumer.connect();
    await consumer.subscribe({ topic: config.topic, fromBeginning: config.offset === 'earliest' });
    if (givenUp()) throw new Error('start given up');
  } catch (error) {
    if (!signal?.aborted) throw error;
    await consumer.disconnect().catch(() => {});
    throw new Error(
      `could not connect to Kafka brokers ${config.brokers.join(', ')}${lastError ? `: ${lastError}` : ' (no answer)'}`,
    );
  } finally {
    started = true;
    signal?.removeEventListener('abort', giveUp);
  }
  await consumer.run({
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      await onBatch(
        {
          topic: batch.topic,
          partition: batch.partition,
          messages: batch.messages.map((m) => ({ offset: m.offset, value: m.value })),
          lag: Number(batch.offsetLag()),
        },
        { heartbeat, isRunning: () => isRunning() && !isStale(), resolve: resolveOffset },
      );
    },
  });
  return {
    async stop() {
      await consumer.disconnect();
      await producer?.disconnect();
    },
    async produce(topic, messages) {
      if (!producer) {
        producer = kafka.producer();
        await producer.connect();
      }
      await producer.send({ topic, messages });
    },
  };
}

/** kafkajs's own socket factory, keeping each socket in `sockets` while it is open; none once `refuse()`. */
function trackedSockets(sockets: Set<net.Socket>, refuse: () => boolean): ISocketFactory {
  return ({ host, port, ssl, onConnect }) => {
    if (refuse()) throw new Error('start given up');
    const socket = ssl
      ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
      : net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    return socket;
  };
}
