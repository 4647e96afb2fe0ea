import { Kafka, logLevel } from 'kafkajs';
import { reachable } from './reachable';

export const KAFKA_BROKER = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

function reachableAt(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return reachable(host!, Number(port));
}

/** These tests need real brokers; missing one is a failure with instructions, never a skip. */
export async function requireKafka(): Promise<void> {
  if (!(await reachableAt(KAFKA_BROKER))) {
    throw new Error(
      `Kafka is not reachable at ${KAFKA_BROKER}: start the dev broker with scripts/kafka.sh start (npm test does it).`,
    );
  }
}

export async function requireRabbitmq(): Promise<void> {
  const hostPort = new URL(RABBITMQ_URL).host;
  if (!(await reachableAt(hostPort))) {
    throw new Error(
      `RabbitMQ is not reachable at ${hostPort}: start it (rabbitmq-server -detached) or set RABBITMQ_URL.`,
    );
  }
}

export function kafka(): Kafka {
  return new Kafka({ brokers: [KAFKA_BROKER], clientId: 'switchboard-tests', logLevel: logLevel.NOTHING });
}

export async function waitForCount(
  probe: () => Promise<number>,
  expected: number,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    last = await probe();
    if (last >= expected) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: ${last} of ${expected} within ${timeoutMs} ms`);
}
