import path from 'node:path';
import { reachable } from '../../test/support/reachable';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../test/support/test-database';
import { onCleanup } from './cleanup';
import { ROOT } from './paths';

const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = 54339;

export interface BenchDatabase {
  /** The fresh database's URL (dropped at cleanup). */
  url: string;
  /** Where it lives: BENCH_DATABASE_URL, the machine's PostgreSQL or the embedded one. */
  server: string;
  label: string;
}

async function pickServer(): Promise<{ server: string; label: string }> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { server: given, label: `BENCH_DATABASE_URL (${new URL(given).host})` };
  if (await reachable('127.0.0.1', 5432, 1000)) {
    return { server: MACHINE_POSTGRES, label: "the machine's PostgreSQL (127.0.0.1:5432)" };
  }
  const { startEmbeddedPostgres } = await import('../../lib/db/embedded');
  const embedded = await startEmbeddedPostgres(path.join(ROOT, '.test-data'), EMBEDDED_PORT, (line) =>
    process.stderr.write(`bench: ${line}\n`),
  );
  onCleanup('embedded PostgreSQL', () => embedded.stop());
  return { server: embedded.url, label: `embedded PostgreSQL (port ${EMBEDDED_PORT})` };
}

/**
 * A fresh, empty database for one benchmark run; dropped (WITH FORCE) when the run ends or is stopped, unless
 * `keep` (bench:console keeps its seeded million messages for the next run when asked to).
 */
export async function createBenchDatabase(options: { keep?: boolean } = {}): Promise<BenchDatabase> {
  const { server, label } = await pickServer();
  const name = randomDatabaseName('sb_bench');
  const url = await createDatabase(server, name);
  if (!options.keep) onCleanup(`database ${name}`, () => dropDatabase(server, name));
  return { url, server, label };
}
