import pg from 'pg';
import {
  SEED_ATTEMPTS,
  SEED_EVENTS,
  SEED_MESSAGES,
  SEED_REFERENCE,
  SEED_RUNS,
  SEED_RUNS_INDEX,
} from './console-seed-sql';

const TABLES = ['events', 'workflow_runs', 'messages', 'message_attempts'];

export interface SeedReport {
  steps: [string, number][];
  rows: Record<string, number>;
  bytes: Record<string, number>;
}

/**
 * Seeds `messages` rows (and their events, runs and attempts) ending at `end`, set-based. The tables' secondary
 * indexes are dropped first and built again from their own definitions afterwards (what a bulk load does: one
 * sorted build instead of a million index inserts), and foreign-key triggers are off for the load
 * (`session_replication_role = replica`: every reference is made consistent by construction). Then VACUUM
 * ANALYZE, as autovacuum would leave a table this size, except for its last day (below).
 */
export async function seedConsoleData(url: string, messages: number, end: Date): Promise<SeedReport> {
  const client = new pg.Client({ connectionString: url, application_name: 'switchboard-bench-seed' });
  await client.connect();
  const steps: [string, number][] = [];
  const step = async (name: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    steps.push([name, (performance.now() - started) / 1000]);
  };
  try {
    await client.query(`SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'`);
    await client.query('SET session_replication_role = replica');
    await client.query('SELECT setseed(0.42)');
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [TABLES],
    );
    await step('drop secondary indexes', async () => {
      for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    });
    const runs = Math.round(messages / 2.5);
    await step('channels, workflows', () => client.query(SEED_REFERENCE));
    await step(`runs drawn (${runs.toLocaleString('en')})`, async () => {
      await client.query(SEED_RUNS, [end, runs]);
      await client.query(SEED_RUNS_INDEX);
    });
    await step('events + workflow_runs', () => client.query(SEED_EVENTS));
    await step(`messages (${messages.toLocaleString('en')})`, () =>
      client.query(SEED_MESSAGES, [end, runs, messages]),
    );
    await step('message_attempts', () => client.query(SEED_ATTEMPTS));
    await client.query('SET session_replication_role = origin');
    await step(`rebuild ${indexes.length} indexes`, async () => {
      for (const index of indexes) await client.query(index.def);
    });
    await step('VACUUM ANALYZE', () =>
      client.query(`VACUUM ANALYZE ${[...TABLES, 'channels', 'workflows'].join(', ')}`),
    );
    // A live table is not all vacuumed: the last day's messages were claimed and settled since autovacuum last
    // came by (it waits for 20 % of the table to change), so their pages are not all-visible and index-only scans
    // read the heap for them. One heap-only update each puts the seeded table in that state.
    await step('touch the last 24 h (not yet vacuumed)', () =>
      client.query(
        `UPDATE messages SET updated_at = updated_at WHERE created_at > $1::timestamptz - interval '24 hours'`,
        [end],
      ),
    );
    return { steps, ...(await tableSizes(client)) };
  } finally {
    await client.end();
  }
}

async function tableSizes(client: pg.Client) {
  const { rows } = await client.query<{ name: string; n: string; bytes: string }>(
    `SELECT c.relname AS name, c.reltuples::bigint AS n, pg_total_relation_size(c.oid) AS bytes
       FROM pg_class c WHERE c.relname = ANY($1) AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`,
    [TABLES],
  );
  return {
    rows: Object.fromEntries(rows.map((r) => [r.name, Number(r.n)])),
    bytes: Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)])),
  };
}
