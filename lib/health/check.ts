import { desc, gt } from 'drizzle-orm';
import { type Db, db as defaultDb, schema } from '../db';
import { env } from '../env';
import { queueSchemaVersion } from '../queue/boss';

export type CheckState = 'ok' | 'down';

export interface HealthReport {
  status: 'ready' | 'not_ready';
  checked_at: string;
  database: { status: CheckState; latency_ms?: number; error?: string };
  queue: { status: CheckState; schema_version?: number; error?: string };
  workers: {
    status: CheckState;
    live: number;
    items: {
      worker_id: string;
      hostname: string;
      pid: number;
      state: string;
      started_at: string;
      last_seen_at: string;
      live: boolean;
    }[];
  };
}

const DB_TIMEOUT_MS = 2000;

/** Readiness: the database answers, the queue schema is installed, and at least one worker is heartbeating. */
export async function checkHealth(database: Db = defaultDb()): Promise<HealthReport> {
  const now = new Date();
  const report: HealthReport = {
    status: 'not_ready',
    checked_at: now.toISOString(),
    database: { status: 'down' },
    queue: { status: 'down' },
    workers: { status: 'down', live: 0, items: [] },
  };
  const started = performance.now();
  try {
    await withTimeout(database.$client.query('SELECT 1'), DB_TIMEOUT_MS);
    report.database = { status: 'ok', latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    report.database = { status: 'down', error: (error as Error).message };
    return report;
  }

  const version = await queueSchemaVersion((sql) => database.$client.query(sql));
  report.queue =
    version === null
      ? { status: 'down', error: 'queue schema is not installed (has a worker started?)' }
      : { status: 'ok', schema_version: version };

  // A worker is live while its heartbeat is younger than three intervals.
  const staleAfterMs = env().WORKER_HEARTBEAT_SECONDS * 3000;
  const recent = await database
    .select()
    .from(schema.workerHeartbeats)
    .where(gt(schema.workerHeartbeats.lastSeenAt, new Date(now.getTime() - 24 * 3600_000)))
    .orderBy(desc(schema.workerHeartbeats.lastSeenAt))
    .limit(50);
  const items = recent.map((row) => ({
    worker_id: row.workerId,
    hostname: row.hostname,
    pid: row.pid,
    state: row.state,
    started_at: row.startedAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
    live: row.state === 'running' && now.getTime() - row.lastSeenAt.getTime() < staleAfterMs,
  }));
  const live = items.filter((item) => item.live).length;
  report.workers = { status: live > 0 ? 'ok' : 'down', live, items };
  report.status = report.queue.status === 'ok' && live > 0 ? 'ready' : 'not_ready';
  return report;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}
