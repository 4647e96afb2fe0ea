import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ROOT } from '../../support/processes';

/**
 * A Kafka broker of the fault suite's own (scripts/kafka.sh on another port, its own data folder
 * .cache/kafka/data-<port>), so stopping it disturbs no other test's broker.
 */
export const FAULT_KAFKA_PORT = Number(process.env.FAULT_KAFKA_PORT ?? 9192);
export const FAULT_KAFKA_BROKER = `127.0.0.1:${FAULT_KAFKA_PORT}`;

const PIDFILE = path.join(
  process.env.KAFKA_HOME ?? path.join(ROOT, '.cache/kafka'),
  `kafka-${FAULT_KAFKA_PORT}.pid`,
);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops the broker: SIGTERM, and SIGKILL when it has not exited within `graceMs` (a single-node KRaft broker's
 * controlled shutdown can take a minute, which the suite's budget cannot afford). Resolves once it is gone.
 */
export async function stopFaultKafka(graceMs = 8_000): Promise<void> {
  if (!existsSync(PIDFILE)) return;
  const pid = Number(readFileSync(PIDFILE, 'utf8').trim());
  if (alive(pid)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
  rmSync(PIDFILE, { force: true });
}

export function faultKafkaBroker(action: 'start' | 'stop'): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [path.join(ROOT, 'scripts/kafka.sh'), action],
      { env: { ...process.env, KAFKA_PORT: String(FAULT_KAFKA_PORT) }, timeout: 300_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`kafka.sh ${action}: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}

export function faultKafka(clientId: string): Kafka {
  return new Kafka({
    brokers: [FAULT_KAFKA_BROKER],
    clientId,
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
  });
}
