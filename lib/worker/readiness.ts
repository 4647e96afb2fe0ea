import type { Db } from '../db';

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  database: 'ok' | 'down';
  queue: 'started' | 'not_started';
  draining: boolean;
  error?: string;
}

const DB_TIMEOUT_MS = 2000;

/**
 * The worker is ready while the database answers (within 2 s), its pg-boss has started and it is not draining
 * (after SIGTERM it finishes what it holds and takes nothing new).
 */
export async function checkWorkerReadiness(
  database: Db,
  state: { queueStarted: boolean; draining: boolean },
): Promise<ReadinessReport> {
  let databaseState: ReadinessReport['database'] = 'ok';
  let error: string | undefined;
  try {
    await Promise.race([
      database.$client.query('SELECT 1'),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${DB_TIMEOUT_MS} ms`)), DB_TIMEOUT_MS).unref(),
      ),
    ]);
  } catch (e) {
    databaseState = 'down';
    error = `database: ${(e as Error).message}`;
  }
  const ready = databaseState === 'ok' && state.queueStarted && !state.draining;
  return {
    status: ready ? 'ready' : 'not_ready',
    database: databaseState,
    queue: state.queueStarted ? 'started' : 'not_started',
    draining: state.draining,
    ...(error ? { error } : {}),
  };
}
