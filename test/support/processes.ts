import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of the project (CLI, worker, start script) as a real child process. */
export function runTs(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawnTs(script, args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function spawnTs(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
): ChildProcess {
  // `--import tsx` keeps the script in this very process (the tsx CLI would add a wrapper process).
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    // WORKER_HTTP_PORT 0: workers of parallel test files each take a free port (see their heartbeat's info).
    env: { ...process.env, LOG_LEVEL: 'info', WORKER_HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * A worker process: heartbeat every second, warnings and errors only, its output dropped (DEBUG_WORKERS=1 shows
 * it, each line marked with the process id). `env` adds to its environment or overrides.
 */
export function spawnWorker(env: Record<string, string> = {}): ChildProcess {
  const child = spawnTs('worker/index.ts', [], { WORKER_HEARTBEAT_SECONDS: '1', LOG_LEVEL: 'warn', ...env });
  if (process.env.DEBUG_WORKERS) {
    child.stdout?.on('data', (d) => process.stderr.write(`[worker ${child.pid}] ${d}`));
    child.stderr?.on('data', (d) => process.stderr.write(`[worker ${child.pid}] ${d}`));
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return child;
}
