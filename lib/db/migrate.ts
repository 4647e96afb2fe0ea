import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

// Arbitrary constant shared by every Switchboard process: only one of them migrates at a time.
const MIGRATION_LOCK_ID = 7_301_946_015;

// Every process runs from the project root (npm scripts do); bundlers rewrite import.meta, so cwd it is.
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'drizzle/migrations');

/**
 * Applies pending SQL migrations. Web and worker both call this at start-up; a session-level advisory lock
 * makes the second one wait and then find nothing left to do.
 */
export async function migrateDatabase(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: 'switchboard-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
}
