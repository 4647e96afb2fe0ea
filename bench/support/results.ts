import { writeFileSync } from 'node:fs';

/** What a benchmark hands to bench/index.ts (with --json <file>) for the summary table. */
export interface BenchResults {
  bench: 'kafka' | 'http' | 'pgboss' | 'drain' | 'console';
  workers?: number;
  metrics: Record<string, number>;
}

/** Writes the results where --json points, if it does. */
export function writeResults(file: string | undefined, results: BenchResults): void {
  if (file)
    writeFileSync(
      file,
      JSON.stringify(results, (_, v) => (Number.isNaN(v) ? null : v)),
    );
}
