import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { migrateDatabase } from '../lib/db/migrate';
import { createDatabase, dropDatabase, randomDatabaseName } from './support/test-database';

describe('migrations', () => {
  it('are safe when several processes start at once', async () => {
    const server = inject('serverUrl');
    const name = randomDatabaseName('sb_migrate');
    const url = await createDatabase(server, name);
    try {
      await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)",
        [
          [
            'users',
            'api_keys',
            'channels',
            'workflows',
            'triggers',
            'events',
            'workflow_runs',
            'messages',
            'message_attempts',
            'audit_log',
            'worker_heartbeats',
            'consumer_status',
          ],
        ],
      );
      const applied = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      await client.end();
      expect(rows[0].n).toBe(12);
      expect(applied.rows[0].n).toBeGreaterThan(0);
    } finally {
      await dropDatabase(server, name);
    }
  });
});
