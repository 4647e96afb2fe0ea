import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { ROOT } from './paths';
import { printTable } from './table';

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'lib', 'worker', 'app', 'drizzle'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

/** Where and on what the numbers were taken: printed first, so a pasted table carries its context. */
export function printContext(title: string, extra: [string, string][]): void {
  const cpus = os.cpus();
  printTable(
    title,
    ['run', 'value'],
    [
      ['date', new Date().toISOString().slice(0, 16).replace('T', ' ')],
      ['commit', commit()],
      [
        'machine',
        `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      ],
      ['load average (1 min) at start', os.loadavg()[0]!.toFixed(2)],
      ['node', process.version],
      ...extra,
    ],
  );
}
