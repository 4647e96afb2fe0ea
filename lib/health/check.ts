import { desc, eq, gt } from 'drizzle-orm';
import { type Db, db as defaultDb, schema } from '../db';
import type { ReplicaStatus } from '../db/replica-set';
import { replicaStatuses } from '../db/replicas';
import { env } from '../env';
import { lastMaintenanceRun, type MaintenanceRunView } from '../maintenance/last-run';
import { RETENTION_TASK } from '../maintenance/retention';
import { queueSchemaVersion } from '../queue/boss';
import { consumerIsCurrent } from '../triggers/runtime/status';

export type CheckState = 'ok' | 'down';

export interface HealthReport {
  status: 'ready' | 'not_ready';
  checked_at: string;
  database: { status: CheckState; latency_ms?: number; error?: string };
  queue: { status: CheckState; schema_version?: number; error?: string };
  /** Each trigger consumer in each worker (event, schedule and poll triggers). Informational: not part of readiness. */
  consumers: {
    trigger_id: string;
    trigger_name: string;
    trigger_type: string;
    worker_id: string;
    state: string;
    lag: number | null;
    last_message_at: string | null;
    last_error: string | null;
    updated_at: string;
    current: boolean;
  }[];
  /** Read replicas (DATABASE_REPLICA_URLS) as this process last checked them. Informational: not part of readiness. */
  replicas: ReplicaStatus[];
  /** Retention limits (null: kept forever) and the latest run of the daily job. Informational. */
  retention: {
    events_days: number | null;
    messages_days: number | null;
    last_run: MaintenanceRunView | null;
  };
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
      /** Where the worker's HTTP port (metrics, probes) listens, as the worker wrote it in its heartbeat. */
      http: { host: string; port: number } | null;
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
    consumers: [],
    replicas: replicaStatuses(),
    retention: {
      events_days: env().EVENTS_RETENTION_DAYS ?? null,
      messages_days: env().MESSAGES_RETENTION_DAYS ?? null,
      last_run: null,
    },
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
    http: (row.info as { http?: { host: string; port: number } } | null)?.http ?? null,
  }));
  const live = items.filter((item) => item.live).length;
  report.workers = { status: live > 0 ? 'ok' : 'down', live, items };
  report.consumers = await consumers(database);
  report.retention.last_run = await lastMaintenanceRun(database, RETENTION_TASK);
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

async function consumers(database: Db): Promise<HealthReport['consumers']> {
  const cs = schema.consumerStatus;
  const rows = await database
    .select({ row: cs, name: schema.triggers.name, type: schema.triggers.type, current: consumerIsCurrent })
    .from(cs)
    .innerJoin(schema.triggers, eq(schema.triggers.id, cs.triggerId))
    .orderBy(schema.triggers.name, cs.workerId)
    .limit(500);
  return rows.map(({ row, name, type, current }) => ({
    trigger_id: row.triggerId,
    trigger_name: name,
    trigger_type: type,
    worker_id: row.workerId,
    state: row.state,
    lag: row.lag,
    last_message_at: row.lastMessageAt?.toISOString() ?? null,
    last_error: row.lastError,
    updated_at: row.updatedAt.toISOString(),
    current: Boolean(current),
  }));
}
