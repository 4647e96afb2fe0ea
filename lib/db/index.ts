import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../drizzle/schema';
import { env } from '../env';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The connection string in force: `DATABASE_URL` (set by `npm start` for the embedded database). */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set. Start with `npm start` (embedded PostgreSQL) or set DATABASE_URL.',
    );
  }
  return url;
}

export function createDb(
  connectionString: string,
  max = env().DATABASE_POOL_MAX,
  options: Omit<pg.PoolConfig, 'connectionString' | 'max'> = {},
): Db {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: process.env.SWITCHBOARD_PROCESS ?? 'switchboard',
    ...options,
  });
  // A client losing its connection (database restart, failover) must not crash the process: idle clients are
  // replaced by the pool, and a query in flight fails with the error, which its caller handles (and retries).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return drizzle({ client: pool, schema, casing: 'snake_case' }) as Db;
}

// One pool per process, kept on globalThis so Next.js dev reloads do not leak pools.
const holder = globalThis as typeof globalThis & {
  __switchboardDb?: Db;
  __switchboardReplicas?: { stop(): Promise<void> };
};

export function db(): Db {
  holder.__switchboardDb ??= createDb(databaseUrl());
  return holder.__switchboardDb;
}

/** Lets tests and the CLI point the process at a specific database. */
export function setDb(instance: Db | undefined): void {
  holder.__switchboardDb = instance;
}

export async function closeDb(): Promise<void> {
  const instance = holder.__switchboardDb;
  holder.__switchboardDb = undefined;
  // The read replicas' pools and checker (lib/db/replicas.ts) go with the primary's pool.
  await holder.__switchboardReplicas?.stop();
  holder.__switchboardReplicas = undefined;
  await instance?.$client.end();
}

export { schema };
