import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { onCleanup } from './cleanup';
import { benchLogDir } from './environment';
import { ROOT } from './paths';
import { sqlNumber } from './sql';

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  logFile: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `node <args>` from the repository root with its output in a log file; stopped at cleanup. */
export function spawnNode(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const logFile = path.join(benchLogDir(), `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const stop = async (graceMs = 40_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    }
    log.end();
  };
  const done = onCleanup(name, () => stop(10_000));
  return {
    name,
    process: child,
    pid: child.pid,
    logFile,
    stop: async (graceMs) => {
      done();
      await stop(graceMs);
    },
  };
}

/** Node flags for the workers from BENCH_WORKER_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
function workerFlags(): string[] {
  return process.env.BENCH_WORKER_FLAGS?.split(' ').filter(Boolean) ?? [];
}

/** `count` worker processes, as the supervisor runs them (`node <worker flags> --import tsx worker/index.ts`). */
export async function startWorkers(count: number, env: NodeJS.ProcessEnv): Promise<Child[]> {
  const { workerNodeFlags } = await import('../../lib/worker/node-flags');
  return Array.from({ length: count }, (_, i) =>
    spawnNode(
      `worker-${i + 1}`,
      [...workerNodeFlags(), ...workerFlags(), '--import', 'tsx', 'worker/index.ts'],
      {
        ...env,
        SWITCHBOARD_PROCESS: 'worker',
        // Several workers on one machine: each takes a free port for its metrics and probes.
        WORKER_HTTP_PORT: '0',
      },
    ),
  );
}

/** Resolves once `count` workers heartbeat as running (they migrated, started pg-boss and their triggers). */
export async function waitForWorkers(workers: Child[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = workers.find((w) => w.process.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited (code ${dead.process.exitCode}); see ${dead.logFile}`);
    // A fresh database: every heartbeat row is one of ours. The table appears once a worker has migrated.
    const running = await sqlNumber(
      `SELECT count(*) AS n FROM worker_heartbeats WHERE state = 'running'`,
    ).catch(() => 0);
    if (running >= workers.length) return;
    if (Date.now() > deadline) throw new Error(`only ${running} of ${workers.length} workers came up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Stops children in parallel (workers drain their in-flight jobs on SIGTERM). */
export async function stopAll(children: Child[]): Promise<void> {
  await Promise.all(children.map((c) => c.stop()));
}

/** Forks a TypeScript server script that sends `{port}` over IPC once it listens; stopped at cleanup. */
export async function forkServer(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = fork(path.join(ROOT, script), [], {
    cwd: ROOT,
    env,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = async () => {
    if (child.connected) child.disconnect();
    child.kill('SIGTERM');
    await exited(child);
  };
  const done = onCleanup(name, stop);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port?: number }) => resolve(message.port ?? 0));
    child.once('exit', (code) => reject(new Error(`${name} exited (code ${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      done();
      await stop();
    },
  };
}
