import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ROOT } from './processes';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export interface PrivateKafka {
  /** `127.0.0.1:<port>` */
  broker: string;
  start(): Promise<void>;
  /**
   * SIGTERM, and SIGKILL when it has not exited within `graceMs` (a single-node KRaft broker's controlled
   * shutdown can take a minute). Resolves once it is gone.
   */
  stop(graceMs?: number): Promise<void>;
  client(clientId: string): Kafka;
}

/**
 * A Kafka broker of a test's own (scripts/kafka.sh on `port`, controller on `port + 1`, its own data folder
 * .cache/kafka/data-<port>): a test that stops its broker disturbs no other test file, which all share the dev
 * broker on 9092 and run in parallel.
 */
export function privateKafka(port: number): PrivateKafka {
  const pidfile = path.join(process.env.KAFKA_HOME ?? path.join(ROOT, '.cache/kafka'), `kafka-${port}.pid`);
  const run = (action: 'start' | 'stop') =>
    new Promise<void>((resolve, reject) => {
      execFile(
        'bash',
        [path.join(ROOT, 'scripts/kafka.sh'), action],
        { env: { ...process.env, KAFKA_PORT: String(port) }, timeout: 300_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`kafka.sh ${action}: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
      );
    });
  const broker = `127.0.0.1:${port}`;
  return {
    broker,
    start: () => run('start'),
    async stop(graceMs = 8_000) {
      if (!existsSync(pidfile)) return;
      const pid = Number(readFileSync(pidfile, 'utf8').trim());
      if (alive(pid)) process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
      rmSync(pidfile, { force: true });
    },
    client: (clientId) =>
      new Kafka({
        brokers: [broker],
        clientId,
        logLevel: logLevel.NOTHING,
        retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
      }),
  };
}
