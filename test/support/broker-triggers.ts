import amqp, { type Channel, type ChannelModel } from 'amqplib';
import type { Admin, Producer } from 'kafkajs';
import { afterAll, beforeAll } from 'vitest';
import { KAFKA_BROKER, kafka, RABBITMQ_URL, requireKafka, requireRabbitmq } from './brokers';
import { makeTrigger, makeWorkflow, uniq } from './factories';
import { startTestWorker, type TestWorker } from './pipeline';

/*
 * What the broker trigger tests share: the broker's clients and a worker for the whole file (read them inside
 * tests, once `beforeAll` has run; a file's own `afterAll` runs before these, while they are still up), and
 * `event` triggers on topics and queues of their own.
 */

/** An `event` trigger with these broker settings (and an empty filter unless given), for a do-nothing workflow. */
export async function eventTrigger(config: Record<string, unknown>) {
  const workflow = await makeWorkflow({ steps: [{ type: 'condition', filter: {} }] });
  const trigger = await makeTrigger(workflow.id, {
    type: 'event',
    config: { filter: {}, ...config },
  } as never);
  return { workflow, trigger };
}

/** An admin and a producer on the dev Kafka broker, and a worker in this process. */
export function kafkaAndWorkerForFile(): {
  readonly admin: Admin;
  readonly producer: Producer;
  readonly worker: TestWorker;
} {
  const running = {} as { admin: Admin; producer: Producer; worker: TestWorker };
  beforeAll(async () => {
    await requireKafka();
    running.admin = kafka().admin();
    running.producer = kafka().producer();
    await Promise.all([running.admin.connect(), running.producer.connect()]);
    running.worker = await startTestWorker();
  });
  afterAll(async () => {
    await running.worker?.stop();
    await Promise.all([running.admin?.disconnect(), running.producer?.disconnect()]);
  });
  return running;
}

interface KafkaTriggerOptions {
  /** Starts the topic's and the consumer group's names. */
  prefix?: string;
  partitions?: number;
  /** The topic's own settings (`max.message.bytes`). */
  topicConfig?: Record<string, string>;
  /** The broker `admin` is connected to (another than the dev broker, to stop it). */
  broker?: string;
  /** More trigger settings (`offset`, `filter`, `dead_letter_topic`). */
  config?: Record<string, unknown>;
}

/** A Kafka trigger reading a new topic through a consumer group of its own. */
export async function kafkaTrigger(
  admin: Admin,
  { prefix = 'sb', partitions = 1, topicConfig, broker = KAFKA_BROKER, config }: KafkaTriggerOptions = {},
) {
  const topic = `${prefix}-${uniq()}`;
  const group = `${prefix}-${uniq()}`;
  const configEntries = topicConfig && Object.entries(topicConfig).map(([name, value]) => ({ name, value }));
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, configEntries }],
    waitForLeaders: true,
  });
  const made = await eventTrigger({
    queue_type: 'kafka',
    brokers: [broker],
    topic,
    consumer_group: group,
    ...config,
  });
  return { topic, group, ...made };
}

export interface RabbitmqForFile {
  /** The current channel (a new one after a failed check or `reconnect`). */
  readonly channel: Channel;
  readonly worker: TestWorker;
  /**
   * `probe` on the channel. A passive check of what does not exist (yet) closes the channel with an error: then
   * a new channel is opened and the answer is undefined.
   */
  check<T>(probe: (channel: Channel) => Promise<T>): Promise<T | undefined>;
  /** A new connection and channel, after the broker closed the old ones. */
  reconnect(): Promise<void>;
}

/** A connection and a channel to the local RabbitMQ, and a worker in this process. */
export function rabbitmqAndWorkerForFile(): RabbitmqForFile {
  let connection: ChannelModel | undefined;
  let channel: Channel | undefined;
  let worker: TestWorker | undefined;
  const openChannel = async () => {
    channel = await connection!.createChannel();
    channel.on('error', () => {}); // the failed checks above: expected, and handled there
  };
  const connect = async () => {
    connection = await amqp.connect(RABBITMQ_URL);
    await openChannel();
  };
  beforeAll(async () => {
    await requireRabbitmq();
    await connect();
    worker = await startTestWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await connection?.close().catch(() => {});
  });
  return {
    get channel() {
      return channel!;
    },
    get worker() {
      return worker!;
    },
    async check(probe) {
      try {
        return await probe(channel!);
      } catch {
        await openChannel();
        return undefined;
      }
    },
    reconnect: connect,
  };
}

/** A RabbitMQ trigger consuming a new queue, bound to a new exchange. */
export async function rabbitmqTrigger(config: Record<string, unknown> = {}) {
  const exchange = `sb-ex-${uniq()}`;
  const queue = `sb-q-${uniq()}`;
  const { trigger } = await eventTrigger({
    queue_type: 'rabbitmq',
    connection: RABBITMQ_URL,
    queue,
    exchange,
    ...config,
  });
  return { exchange, queue, trigger };
}
