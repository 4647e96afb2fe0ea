import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, spawnTs } from '../../support/processes';

export const LOG_DIR = path.join(ROOT, '.test-data/faults/logs');

/** A product process the suite can SIGKILL and start again (same role, same environment, same port). */
export interface Managed {
  name: string;
  child: ChildProcess;
  /** Starts it and resolves once it is ready (its readiness line was printed), or at once with `wait` false. */
  start(wait?: boolean): Promise<void>;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  running(): boolean;
}

const alive = (child: ChildProcess | undefined) =>
  !!child && child.exitCode === null && child.signalCode === null;

function managed(name: string, script: string, env: Record<string, string>, readyLine: RegExp): Managed {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`), { flags: 'a' });
  const self: Managed = {
    name,
    child: undefined as unknown as ChildProcess,
    start(wait = true) {
      const child = spawnTs(script, [], env);
      self.child = child;
      log.write(`--- ${new Date().toISOString()} start pid ${child.pid}\n`);
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
      if (!wait) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        let seen = '';
        let ready = false;
        const timer = setTimeout(() => reject(new Error(`${name} was not ready within 90 s`)), 90_000);
        child.stdout?.on('data', (d: Buffer) => {
          if (ready) return;
          seen = (seen + d.toString()).slice(-4096);
          if (readyLine.test(seen)) {
            ready = true;
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`${name} exited (${code ?? signal}) before it was ready; see ${LOG_DIR}`));
        });
      });
    },
    async kill() {
      const child = self.child;
      if (!alive(child)) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      log.write(`--- ${new Date().toISOString()} SIGKILL pid ${child.pid}\n`);
    },
    running: () => alive(self.child),
  };
  return self;
}

export function workerProcess(name: string, env: Record<string, string>): Managed {
  return managed(
    name,
    'worker/index.ts',
    { LOG_LEVEL: 'info', WORKER_HEARTBEAT_SECONDS: '1', SWITCHBOARD_PROCESS: 'worker', ...env },
    /worker started/,
  );
}

export function webProcess(port: number, env: Record<string, string>): Managed {
  return managed(
    'web',
    'test/faults/harness/web-host.ts',
    { LOG_LEVEL: 'warn', PORT: String(port), ...env },
    /listening \d+/,
  );
}
