import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { reachable } from '../../test/support/reachable';
import { onCleanup } from './cleanup';
import { ROOT } from './paths';
import { EVENT_TYPE } from './scenario';
import { quietKafkajsTimerWarning } from './warnings';

quietKafkajsTimerWarning();

/** KAFKA_BROKERS (comma-separated host:port), else the dev broker of scripts/kafka.sh. */
export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** Starts the dev broker (scripts/kafka.sh start) unless the first broker already answers. */
export async function ensureKafka(brokers: string[]): Promise<void> {
  const [host, port] = brokers[0]!.split(':');
  if (await reachable(host!, Number(port))) return;
  if (process.env.KAFKA_BROKERS) throw new Error(`Kafka does not answer at ${brokers[0]} (KAFKA_BROKERS)`);
  process.stderr.write('bench: starting the dev Kafka broker (scripts/kafka.sh start)…\n');
  await promisify(execFile)('bash', [path.join(ROOT, 'scripts/kafka.sh'), 'start'], { timeout: 600_000 });
}

export function kafkaClient(brokers: string[]): Kafka {
  return new Kafka({ brokers, clientId: 'switchboard-bench', logLevel: logLevel.ERROR });
}

/** A new topic for this run (deleted at cleanup), so no earlier message is consumed. */
export async function createTopic(kafka: Kafka, prefix: string, partitions: number): Promise<string> {
  const topic = `${prefix}-${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  onCleanup(`topic ${topic}`, async () => {
    const cleaner = kafka.admin();
    await cleaner.connect();
    await cleaner.deleteTopics({ topics: [topic] }).catch(() => {});
    await cleaner.disconnect();
  });
  return topic;
}

export interface Produced {
  firstAt: number;
  lastAt: number;
}

/**
 * Produces `count` events `{event_type, data: {t, i}}` round-robin over the partitions, `batch` per send with
 * a few sends in flight; `t` is the time the message's batch was built.
 */
export async function produceBurst(
  kafka: Kafka,
  topic: string,
  partitions: number,
  count: number,
  batch = 500,
): Promise<Produced> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const firstAt = Date.now();
    let next = 0;
    const sendLoop = async () => {
      while (next < count) {
        const from = next;
        next = Math.min(count, next + batch);
        const t = Date.now();
        const messages = [];
        for (let i = from; i < next; i++) {
          messages.push({
            partition: i % partitions,
            value: JSON.stringify({ event_type: EVENT_TYPE, data: { t, i } }),
          });
        }
        await producer.send({ topic, acks: 1, messages });
      }
    };
    await Promise.all(Array.from({ length: 4 }, sendLoop));
    return { firstAt, lastAt: Date.now() };
  } finally {
    await producer.disconnect();
  }
}
