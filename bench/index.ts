/**
 * `npm run bench`: every benchmark in sequence, each in a process of its own (they print their tables as they
 * go), then one summary of the targets against what was measured.
 *
 *   npm run bench -- [--events 20000] [--duration 15] [--rate 500] [--workers 1,2] [--only kafka,drain,http,pgboss]
 *
 * The Kafka benchmark runs once per worker count (its baselines, bare pg-boss included, with the first); the
 * HTTP benchmark runs with the first worker count. `bench:pgboss` alone only runs with --only pgboss.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './support/paths';
import type { BenchResults } from './support/results';
import { printSummary } from './support/summary';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    duration: { type: 'string', default: '15' },
    rate: { type: 'string', default: '500' },
    workers: { type: 'string', default: '1,2' },
    only: { type: 'string', default: 'kafka,drain,http' },
  },
  strict: true,
});
const only = new Set(values.only.split(','));
const workerCounts = values.workers.split(',').map(Number);
const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-results-'));

let interrupted = false;
let current: ReturnType<typeof spawn> | undefined;
// Ctrl+C reaches the running benchmark too (same process group); it cleans up and exits, then so do we.
process.on('SIGINT', () => {
  interrupted = true;
});
process.on('SIGTERM', () => {
  interrupted = true;
  current?.kill('SIGTERM');
});

function run(script: string, args: string[], name: string): Promise<BenchResults | undefined> {
  const json = path.join(dir, `${name}.json`);
  return new Promise((resolve) => {
    current = spawn(process.execPath, ['--import', 'tsx', script, ...args, '--json', json], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    current.once('exit', (code) => {
      current = undefined;
      if (code !== 0) console.error(`bench: ${script} ${args.join(' ')} exited with code ${code}`);
      try {
        resolve(JSON.parse(readFileSync(json, 'utf8')) as BenchResults);
      } catch {
        resolve(undefined);
      }
    });
  });
}

const results: BenchResults[] = [];
const plan: [string, string[], string][] = [];
if (only.has('pgboss')) plan.push(['bench/pgboss.ts', ['--jobs', values.events], 'pgboss']);
if (only.has('kafka')) {
  workerCounts.forEach((workers, i) => {
    const args = ['--events', values.events, '--workers', String(workers)];
    plan.push(['bench/kafka.ts', i === 0 ? args : [...args, '--skip-baselines'], `kafka-${workers}`]);
  });
}
if (only.has('drain')) plan.push(['bench/drain.ts', ['--messages', values.events], 'drain']);
if (only.has('http')) {
  const args = [
    '--duration',
    values.duration,
    '--rate',
    values.rate,
    '--workers',
    String(workerCounts[0] ?? 1),
  ];
  plan.push(['bench/http.ts', args, 'http']);
}
for (const [script, args, name] of plan) {
  if (interrupted) break;
  process.stdout.write(`\n## ${script} ${args.join(' ')}\n`);
  const result = await run(script, args, name);
  if (result) results.push(result);
}
rmSync(dir, { recursive: true, force: true });
if (!interrupted) printSummary(results);
process.exit(interrupted ? 130 : 0);
