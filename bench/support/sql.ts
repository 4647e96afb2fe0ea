import pg from 'pg';
import { onCleanup } from './cleanup';

let pool: pg.Pool | undefined;

/** The bench's own read-only probes of the database (counts, sizes, heartbeats): plain SQL, two connections. */
export async function sql<Row extends pg.QueryResultRow>(
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  if (!pool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    const created = new pg.Pool({ connectionString: url, max: 2, application_name: 'switchboard-bench' });
    created.on('error', () => {});
    onCleanup('bench pool', () => created.end());
    pool = created;
  }
  const result = await pool.query<Row>(text, params);
  return result.rows;
}

export async function sqlNumber(text: string, params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: string | number | null }>(text, params);
  return Number(row?.n ?? 0);
}
