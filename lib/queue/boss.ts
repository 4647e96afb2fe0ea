import { PgBoss } from 'pg-boss';
import { env } from '../env';
import { logger } from '../logger';

export type Boss = PgBoss;

/**
 * pg-boss in its own schema of the application database. The worker runs the maintenance and scheduling
 * loops; the web process only enqueues, so it starts pg-boss without them.
 */
export function createBoss(connectionString: string, role: 'web' | 'worker'): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema: env().PGBOSS_SCHEMA,
    application_name: `switchboard-${role}-queue`,
    max: role === 'worker' ? 10 : 4,
    supervise: role === 'worker',
    schedule: role === 'worker',
  });
  boss.on('error', (error) => logger.error({ err: error }, 'queue error'));
  return boss;
}

/** Whether the queue schema is installed and answering; used by health checks. */
export async function queueSchemaVersion(
  query: (sql: string) => Promise<{ rows: { version: number }[] }>,
): Promise<number | null> {
  const schema = env().PGBOSS_SCHEMA;
  try {
    const { rows } = await query(`SELECT version FROM ${schema}.version LIMIT 1`);
    return rows[0]?.version ?? null;
  } catch {
    return null;
  }
}
