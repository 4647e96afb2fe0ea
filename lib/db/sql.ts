import type pg from 'pg';

/**
 * The hot paths (ingestion, delivery) talk to PostgreSQL through node-postgres directly: fixed statement texts
 * with parameters, named so each connection prepares them once, and batches passed as one JSON parameter
 * (`json_to_recordset`) so a statement's text never depends on how many rows it carries.
 */
export type SqlClient = Pick<pg.ClientBase, 'query'>;

export interface Statement {
  name: string;
  text: string;
}

export function run<R extends pg.QueryResultRow = pg.QueryResultRow>(
  client: SqlClient,
  statement: Statement,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  return client.query<R>({ name: statement.name, text: statement.text, values });
}

/**
 * Runs `work` in a transaction on a connection of its own. A connection whose ROLLBACK fails is dropped rather
 * than returned to the pool.
 */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** SQLSTATE classes that say the database is unreachable or shutting down, not that a row is wrong. */
const OUTAGE_CLASSES = ['08', '53', '57', '58', 'XX'];

/**
 * Whether an error means "try again later" (connection lost, server restarting, out of resources) rather than
 * "this data is refused". Errors without a SQLSTATE come from the socket or the pool.
 */
export function isOutage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || code.length !== 5) return true;
  return OUTAGE_CLASSES.includes(code.slice(0, 2)) || code === '40001' || code === '40P01';
}
