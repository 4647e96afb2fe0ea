import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { buildIsStale } from '../../scripts/build-state';
import { ROOT } from './processes';

/** Next.js's CLI, run on this process's Node (the project's Node 24), never through npx. */
export const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * `next build` when `.next` is missing or older than the sources, as `npm start` and the e2e tests do. Suites
 * that talk to the production server (fuzz, faults) call it first; under `npm test` the first one builds and the
 * next finds the build fresh.
 */
export async function buildNextIfStale(): Promise<void> {
  if (!buildIsStale(ROOT)) return;
  let output = '';
  const build = spawn(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  build.stdout?.on('data', (d) => (output += d));
  build.stderr?.on('data', (d) => (output += d));
  if ((await exited(build)) !== 0) throw new Error(`next build failed:\n${output.slice(-4000)}`);
}
