import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/processes';

export const RESULTS_DIR = path.join(ROOT, '.test-data/faults');
const ROWS = path.join(RESULTS_DIR, 'results.jsonl');

/** One line of the reliability table. */
export interface ResultRow {
  order: number;
  fault: string;
  load: string;
  accepted: number;
  messages: number;
  lost: number;
  repeats: number;
  inFlight: number;
  /** Seconds from the fault's end until everything accepted before it was settled; null: never within the wait. */
  recoverySeconds: number | null;
  statuses: Record<string, number>;
  passed: boolean;
  problems: string[];
  at: string;
}

export function resetResults(): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(ROWS, '');
}

export function recordResult(row: ResultRow): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(ROWS, `${JSON.stringify(row)}\n`);
}

/** Writes .test-data/reliability.{json,md} from the rows of this run, in the scenarios' order. */
export function writeTable(wallSeconds: number): string {
  const rows: ResultRow[] = existsSync(ROWS)
    ? readFileSync(ROWS, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  rows.sort((a, b) => a.order - b.order);
  const lines = [
    `Fault-injection run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round(wallSeconds)} s in all.`,
    '',
    '| fault | load (accepted events) | messages | lost | repeats / in flight at the fault | recovery | invariants |',
    '|---|---|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.fault} | ${r.load} | ${r.messages} | ${r.lost} | ${r.repeats} / ${r.inFlight} | ${r.recoverySeconds === null ? 'not within the wait' : `${r.recoverySeconds.toFixed(1)} s`} | ${r.passed ? 'hold' : `**broken**: ${r.problems.join('; ').replaceAll('|', '\\|')}`} |`,
    ),
    '',
  ];
  const markdown = lines.join('\n');
  writeFileSync(path.join(ROOT, '.test-data/reliability.md'), markdown);
  writeFileSync(
    path.join(ROOT, '.test-data/reliability.json'),
    JSON.stringify({ wallSeconds, rows }, null, 2),
  );
  return markdown;
}
