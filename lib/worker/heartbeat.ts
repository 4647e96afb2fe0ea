import { hostname } from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { type Db, schema } from '../db';
import { logger } from '../logger';

export interface Heartbeat {
  workerId: string;
  setState(state: 'running' | 'draining' | 'stopped'): Promise<void>;
  stop(): Promise<void>;
}

/** Writes this worker's row every `intervalSeconds`; the health check calls a worker live while it is fresh. */
export async function startHeartbeat(
  database: Db,
  workerId: string,
  intervalSeconds: number,
  version?: string,
  /** What others may need to know about this worker, e.g. where its HTTP port listens. */
  info?: Record<string, unknown>,
): Promise<Heartbeat> {
  const startedAt = new Date();
  let state: 'running' | 'draining' | 'stopped' = 'running';
  const write = async () => {
    const values = {
      workerId,
      hostname: hostname(),
      pid: process.pid,
      version,
      state,
      info,
      startedAt,
      // The database's clock: claims compare heartbeats with now() there.
      lastSeenAt: sql`now()`,
    };
    await database
      .insert(schema.workerHeartbeats)
      .values(values)
      .onConflictDoUpdate({
        target: schema.workerHeartbeats.workerId,
        set: { state, info, lastSeenAt: values.lastSeenAt },
      });
  };
  await write();
  const timer = setInterval(() => {
    write().catch((error) => logger.warn({ err: error }, 'heartbeat write failed; will retry'));
  }, intervalSeconds * 1000);
  timer.unref();
  return {
    workerId,
    async setState(next) {
      state = next;
      await write();
    },
    async stop() {
      clearInterval(timer);
      state = 'stopped';
      await database
        .update(schema.workerHeartbeats)
        .set({ state, lastSeenAt: sql`now()` })
        .where(eq(schema.workerHeartbeats.workerId, workerId))
        .catch(() => {});
    },
  };
}
