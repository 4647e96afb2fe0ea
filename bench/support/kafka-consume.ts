import { fork } from 'node:child_process';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import { onCleanup } from './cleanup';
import { createTopic, produceBurst } from './kafka-broker';
import type { ConsumerReport } from './kafka-consumer-child';
import { ROOT } from './paths';
import { exited } from './processes';

export interface ConsumeResult {
  messages: number;
  consumed: number;
  seconds: number;
  perSecond: number;
}

/**
 * The kafkajs consume-only baseline: a consumer group (in a child process) that does nothing per message joins
 * a fresh topic, then the same burst as the pipeline's is produced; messages/s from the first produce to the
 * last message consumed.
 */
export async function consumeOnly(
  kafka: Kafka,
  brokers: string[],
  partitions: number,
  count: number,
): Promise<ConsumeResult> {
  const topic = await createTopic(kafka, 'sb-bench-consume', partitions);
  const child = fork(
    path.join(ROOT, 'bench/support/kafka-consumer-child.ts'),
    [brokers.join(','), topic, `${topic}-group`],
    {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const done = onCleanup('kafka consume-only child', async () => {
    child.kill('SIGTERM');
    await exited(child);
  });
  let consumed = 0;
  let lastAt = 0;
  let ready!: () => void;
  const joined = new Promise<void>((resolve) => (ready = resolve));
  child.on('message', (report: ConsumerReport) => {
    if (report.type === 'ready') ready();
    else {
      consumed = report.count;
      lastAt = report.at;
    }
  });
  await Promise.race([joined, new Promise((r) => setTimeout(r, 60_000))]);
  const produced = await produceBurst(kafka, topic, partitions, count);
  const deadline = Date.now() + 300_000;
  while (consumed < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  done();
  if (child.connected) child.disconnect();
  child.kill('SIGTERM');
  await exited(child);
  const seconds = (lastAt - produced.firstAt) / 1000;
  return { messages: count, consumed, seconds, perSecond: consumed / seconds };
}
