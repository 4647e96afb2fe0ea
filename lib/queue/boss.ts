import { PgBoss } from 'pg-boss';
import { env } from '../env';
import { logger } from '../logger';
import { QUEUE_OPTIONS } from './queues';

export type Boss = PgBoss;

/**
 * pg-boss in its own schema of the application database. The worker runs the maintenance and scheduling
 * loops; the web process only enqueues, so it starts pg-boss without them. LISTEN/NOTIFY wakes workers the
 * moment a job commits instead of at their next poll.
 */
export function createBoss(connectionString: string, role: 'web' | 'worker'): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema: env().PGBOSS_SCHEMA,
    application_name: `switchboard-${role}-queue`,
    max: role === 'worker' ? 10 : 4,
    supervise: role === 'worker',
    // Jobs of a worker that died are found by their missed heartbeats on these passes, so keep them frequent.
    superviseIntervalSeconds: 5,
    schedule: role === 'worker',
    useListenNotify: role === 'worker',
  });
  boss.on('error', (error) => logger.error({ err: error }, 'queue error'));
  return boss;
}

/** Starts pg-boss and makes sure every queue exists (idempotent; safe from several processes). */
export async function startBoss(boss: PgBoss): Promise<PgBoss> {
  await boss.start();
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, options).catch(async (error) => {
        // Another process created it between our check and our create.
        if (!(await boss.getQueue(name))) throw error;
      });
    }
  }
  return boss;
}

const holder = globalThis as typeof globalThis & { __switchboardBoss?: Promise<PgBoss> };

/** The process's enqueueing client (web process and CLI), started on first use. */
export function queueClient(connectionString: string): Promise<PgBoss> {
  holder.__switchboardBoss ??= startBoss(createBoss(connectionString, 'web')).catch((error) => {
    holder.__switchboardBoss = undefined;
    throw error;
  });
  return holder.__switchboardBoss;
}

/** Stops the enqueueing client, if one was started (scripts that end, tests). */
export async function stopQueueClient(): Promise<void> {
  const pending = holder.__switchboardBoss;
  holder.__switchboardBoss = undefined;
  const boss = await pending?.catch(() => undefined);
  await boss?.stop({ graceful: false, close: true });
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
