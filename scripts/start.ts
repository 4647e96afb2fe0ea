/**
 * `npm start` / `npm run dev` / `npm run web` / `npm run worker`: one supervisor for the whole product.
 * Starts the embedded PostgreSQL when DATABASE_URL is unset, builds the console if the build is missing or
 * older than the sources, runs web and worker as child processes, prints the URL, and on SIGINT/SIGTERM
 * stops the children (letting the worker drain) and then the database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { dataDir, EnvError, env } from '../lib/env';
import { prettifyLines } from '../lib/logger-pretty';
import { workerNodeFlags } from '../lib/worker/node-flags';
import { buildIsStale } from './build-state';

const root = path.resolve(import.meta.dirname, '..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
const say = (line: string) => process.stdout.write(`[switchboard] ${line}\n`);

function options() {
  try {
    const { values } = parseArgs({
      options: { dev: { type: 'boolean', default: false }, only: { type: 'string' } },
      strict: true,
    });
    if (values.only && values.only !== 'web' && values.only !== 'worker')
      throw new Error(`--only must be web or worker, not "${values.only}"`);
    return { dev: values.dev, web: values.only !== 'worker', worker: values.only !== 'web' };
  } catch (error) {
    say(`usage: start.ts [--dev] [--only web|worker]\n${(error as Error).message}`);
    process.exit(2);
  }
}

function run(
  command: string,
  args: string[],
  extraEnv: Record<string, string>,
  nodeFlags: string[] = [],
  pretty = false,
): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, command, ...args], {
    cwd: root,
    // `--dev`: JSON log lines are shown as text (pino-pretty); otherwise they pass through as JSON.
    stdio: ['inherit', pretty ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, ...extraEnv },
  });
  if (pretty && child.stdout) prettifyLines(child.stdout, process.stdout);
  return child;
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      const res = await fetch(`${url}/api/health?probe=live`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  const opts = options();
  let config: ReturnType<typeof env>;
  try {
    config = env();
  } catch (error) {
    if (error instanceof EnvError) {
      say(error.message);
      process.exit(1);
    }
    throw error;
  }

  let database: { url: string; stop(): Promise<void> } = {
    url: config.DATABASE_URL ?? '',
    stop: async () => {},
  };
  if (!config.DATABASE_URL) {
    say(`DATABASE_URL is not set: using the embedded PostgreSQL in ${path.join(dataDir(), 'pg')}`);
    database = await startEmbeddedPostgres(dataDir(), config.EMBEDDED_PG_PORT, say);
  }

  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${config.PORT}`;
  const childEnv = {
    DATABASE_URL: database.url,
    NODE_ENV: opts.dev ? 'development' : 'production',
    // next-auth builds its callback URLs from this; default to where we listen.
    NEXTAUTH_URL: config.NEXTAUTH_URL ?? url,
  };
  if (opts.web && !opts.dev && buildIsStale(root)) {
    say('Building the console (first start or sources changed)…');
    const build = run(nextBin, ['build'], { NODE_ENV: 'production' });
    if ((await waitForExit(build)) !== 0) {
      await database.stop();
      say('next build failed; see the output above.');
      process.exit(1);
    }
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    const timeout = setTimeout(() => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    }, 40_000);
    await Promise.all(children.map(waitForExit));
    clearTimeout(timeout);
    await database.stop();
    say('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (opts.worker) {
    const flags = [...workerNodeFlags(), '--import', 'tsx', ...(opts.dev ? ['--watch'] : [])];
    const worker = run(
      path.join(root, 'worker/index.ts'),
      [],
      { ...childEnv, SWITCHBOARD_PROCESS: 'worker' },
      flags,
      opts.dev,
    );
    children.push(worker);
  }
  if (opts.web) {
    const mode = opts.dev ? 'dev' : 'start';
    const web = run(
      nextBin,
      [mode, '-p', String(config.PORT), '-H', config.HOST],
      { ...childEnv, SWITCHBOARD_PROCESS: 'web' },
      [],
      opts.dev,
    );
    children.push(web);
    void waitUntilServing(url, web).then((ok) => {
      if (ok) say(`Switchboard is running at ${url}  (Ctrl+C to stop)`);
    });
  }
  for (const child of children) {
    child.once('exit', (code, signal) => {
      // Ctrl+C reaches the children too; give our own signal handler the first word.
      setTimeout(() => {
        if (stopping) return;
        say(`a child process exited (${signal ?? `code ${code}`}); stopping the rest.`);
        void stopAll(code || 1);
      }, 250);
    });
  }
}

main().catch((error) => {
  say(`failed to start: ${(error as Error).message}`);
  process.exit(1);
});
