import { appendFileSync, chmodSync, chownSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { binaries, type Ids, postgresUser, run } from '../../lib/db/embedded';
import { freePort } from './free-port';

/** A primary and a streaming hot-standby replica of it, both from the embedded PostgreSQL binaries. */
export interface ReplicatedPostgres {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the replica as its superuser (pause or resume replay, look at its state). */
  replicaQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string): Promise<R[]>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  stop(): Promise<void>;
}

const DATABASE = 'switchboard';

async function must(what: string, result: Promise<{ code: number | null; output: string }>, log?: string) {
  const { code, output } = await result;
  if (code !== 0) throw new Error(`${what} failed: ${output.trim()}${log ? ` (see ${log})` : ''}`);
}

/**
 * Makes a primary (wal_level=replica, WAL senders, replication allowed from loopback) and a replica that
 * streams from it. pg_basebackup is not among the embedded binaries, so the replica starts from a copy of the
 * primary's data folder taken while the primary is cleanly shut down (right after initdb), plus
 * `standby.signal` and `primary_conninfo`. As root both run as the `postgres` user, like lib/db/embedded.ts.
 */
export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const ids: Ids = process.getuid?.() === 0 ? postgresUser() : {};
  const bin = await binaries();
  const root = mkdtempSync(path.join(tmpdir(), 'sb-replica-'));
  chmodSync(root, 0o755);
  if (ids.uid !== undefined) chownSync(root, ids.uid, ids.gid!);
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];

  await must(
    'initdb',
    run(
      bin.initdb,
      [`--pgdata=${primaryDir}`, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-locale'],
      ids,
    ),
  );
  // Settings both servers share (the replica's copy carries them); test data needs no durability.
  appendFileSync(
    path.join(primaryDir, 'postgresql.conf'),
    [
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'wal_level = replica',
      // Not below the default: a standby refuses to replay WAL of a primary with more senders than it has.
      'max_wal_senders = 10',
      "wal_keep_size = '256MB'",
      'hot_standby = on',
      'fsync = off',
      '',
    ].join('\n'),
  );
  appendFileSync(path.join(primaryDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');

  // The copy: the primary has never run since initdb, so its folder is a consistent, cleanly shut down state.
  cpSync(primaryDir, replicaDir, { recursive: true });
  chmodSync(replicaDir, 0o700);
  writeFileSync(path.join(replicaDir, 'standby.signal'), '');
  appendFileSync(
    path.join(replicaDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=sb_replica'\n`,
  );
  if (ids.uid !== undefined)
    await must('chown', run('chown', ['-R', `${ids.uid}:${ids.gid}`, replicaDir], {}));

  const server = (dir: string, port: number) => {
    const log = path.join(root, `${path.basename(dir)}.log`);
    return {
      start: () =>
        must(
          `starting ${dir}`,
          run(bin.pg_ctl, ['start', '-D', dir, '-w', '-t', '60', '-l', log, '-o', `-p ${port}`], ids),
          log,
        ),
      stop: () =>
        must(
          `stopping ${dir}`,
          run(bin.pg_ctl, ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '60'], ids),
          log,
        ),
    };
  };
  const primary = server(primaryDir, primaryPort);
  const replica = server(replicaDir, replicaPort);
  const cleanUp = async () => {
    await replica.stop().catch(() => {});
    await primary.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await primary.start();
    await replica.start();
  } catch (error) {
    await cleanUp();
    throw error;
  }

  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async <R extends pg.QueryResultRow>(connectionString: string, sql: string) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      return (await client.query<R>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  await query(url(primaryPort, 'postgres'), `CREATE DATABASE ${DATABASE}`);
  // The replica has the database once it replayed its creation.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await query<{ n: number }>(
      url(replicaPort, 'postgres'),
      `SELECT count(*)::int AS n FROM pg_database WHERE datname = '${DATABASE}'`,
    );
    if (rows[0]!.n === 1) break;
    if (Date.now() > deadline) throw new Error('the replica did not replay CREATE DATABASE within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    primaryUrl: url(primaryPort, DATABASE),
    replicaUrl: url(replicaPort, DATABASE),
    replicaQuery: (sql) => query(url(replicaPort, DATABASE), sql),
    stopReplica: replica.stop,
    startReplica: replica.start,
    stop: cleanUp,
  };
}
