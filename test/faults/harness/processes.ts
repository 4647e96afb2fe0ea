import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { NEXT_BIN } from '../../support/next-build';
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

/** Polls a URL until it answers 2xx (up to 90 s). */
async function answers(url: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within 90 s`);
}

/**
 * `readyLine`: the process printed it once it is ready; `probe`, when given, must then answer 2xx too (Next.js
 * prints "Ready" before it has loaded the app and run instrumentation).
 */
function managed(name: string, launch: () => ChildProcess, readyLine: RegExp, probe?: string): Managed {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`), { flags: 'a' });
  const self: Managed = {
    name,
    child: undefined as unknown as ChildProcess,
    start(wait = true) {
      const child = launch();
      self.child = child;
      log.write(`--- ${new Date().toISOString()} start pid ${child.pid}\n`);
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
      if (!wait) return Promise.resolve();
      const printed = new Promise<void>((resolve, reject) => {
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
      return probe ? printed.then(() => answers(probe)) : printed;
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
  const workerEnv = {
    LOG_LEVEL: 'info',
    WORKER_HEARTBEAT_SECONDS: '1',
    SWITCHBOARD_PROCESS: 'worker',
    ...env,
  };
  return managed(name, () => spawnTs('worker/index.ts', [], workerEnv), /worker started/);
}

/**
 * The web process as the supervisor runs it: `next start` of the production build (the suite's global setup
 * builds it when stale), NODE_ENV=production. `next start` serves from this one process, so SIGKILL ends the
 * server with its in-flight requests. Ready once Next.js logs "Ready" (instrumentation's startWeb has run then).
 */
export function webProcess(port: number, env: Record<string, string>): Managed {
  const url = `http://127.0.0.1:${port}`;
  const webEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXTAUTH_URL: url,
    PORT: String(port),
    SWITCHBOARD_PROCESS: 'web',
    LOG_LEVEL: 'warn',
    ...env,
  };
  return managed(
    'web',
    () =>
      spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
        cwd: ROOT,
        env: webEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    /Ready in/,
    `${url}/api/health?probe=live`,
  );
}
