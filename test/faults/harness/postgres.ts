import { appendFileSync, chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binaries, type Ids, postgresUser, run } from '../../../lib/db/embedded';
import { freePort } from './ports';

/**
 * A PostgreSQL server of the fault suite's own, from the embedded binaries (like test/support/replica.ts), so
 * it can be restarted, have its backends terminated and its connection slots filled without touching the
 * server the other tests use. Everything needed to drive it is plain data, so any process of the run can.
 */
export interface FaultPostgres {
  root: string;
  dataDir: string;
  port: number;
  /** Superuser URL of the `postgres` database. */
  serverUrl: string;
  maxConnections: number;
}

export const MAX_CONNECTIONS = 100;

const ids = (): Ids => (process.getuid?.() === 0 ? postgresUser() : {});

async function must(what: string, result: Promise<{ code: number | null; output: string }>) {
  const { code, output } = await result;
  if (code !== 0) throw new Error(`${what} failed: ${output.trim()}`);
}

export async function createFaultPostgres(): Promise<FaultPostgres> {
  const owner = ids();
  const bin = await binaries();
  const root = mkdtempSync(path.join(tmpdir(), 'sb-faults-pg-'));
  chmodSync(root, 0o755);
  if (owner.uid !== undefined) chownSync(root, owner.uid, owner.gid!);
  const dataDir = path.join(root, 'data');
  await must(
    'initdb',
    run(
      bin.initdb,
      [`--pgdata=${dataDir}`, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-locale'],
      owner,
    ),
  );
  appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      `max_connections = ${MAX_CONNECTIONS}`,
      // Test data needs no durability across a machine crash; a server restart keeps it all the same.
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const pg: FaultPostgres = {
    root,
    dataDir,
    port,
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    maxConnections: MAX_CONNECTIONS,
  };
  await startPostgres(pg);
  return pg;
}

const logOf = (pg: FaultPostgres) => path.join(pg.root, 'server.log');

export async function startPostgres(pg: FaultPostgres): Promise<void> {
  const bin = await binaries();
  await must(
    `starting PostgreSQL on ${pg.port} (see ${logOf(pg)})`,
    run(
      bin.pg_ctl,
      ['start', '-D', pg.dataDir, '-w', '-t', '60', '-l', logOf(pg), '-o', `-p ${pg.port}`],
      ids(),
    ),
  );
}

/** A fast shutdown: sessions are ended, transactions in progress roll back (what a restart does to clients). */
export async function stopPostgres(pg: FaultPostgres): Promise<void> {
  const bin = await binaries();
  await must(
    'stopping PostgreSQL',
    run(bin.pg_ctl, ['stop', '-D', pg.dataDir, '-m', 'fast', '-w', '-t', '60'], ids()),
  );
}

export async function destroyFaultPostgres(pg: FaultPostgres): Promise<void> {
  await stopPostgres(pg).catch(() => {});
  rmSync(pg.root, { recursive: true, force: true });
}
