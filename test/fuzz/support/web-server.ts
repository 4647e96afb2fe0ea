import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../support/free-port';
import { buildNextIfStale, exited, NEXT_BIN } from '../../support/next-build';
import { ROOT } from '../../support/processes';

export interface WebServer {
  url: string;
  child: ChildProcess;
  /** Whether the process is still running (a crash ends the fuzz run with its output). */
  alive(): boolean;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The web process as the supervisor runs it (`next start`, NODE_ENV=production) on a free port, against this
 * test file's database and data folder; resolves once it answers its liveness probe.
 */
export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  await buildNextIfStale();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXTAUTH_URL: url,
      PORT: String(port),
      SWITCHBOARD_PROCESS: 'web',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!alive()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`next start exited (code ${child.exitCode}):\n${output.slice(-4000)}`);
    try {
      if ((await fetch(`${url}/api/health?probe=live`)).ok) {
        return { url, child, alive, output: () => output, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not answer within 120 s:\n${output.slice(-4000)}`);
}
