import { env } from '../env';
import { AppError } from '../errors';
import { type Db, db } from './index';
import { ReplicaSet, type ReplicaStatus } from './replica-set';
import { isOutage } from './sql';

export type { ReplicaState, ReplicaStatus } from './replica-set';

/*
 * Which reads go to a replica. Replicas serve what is read often and written by the pipeline, not by the
 * reader: the message and event lists, a message's detail, the stats. A replica may be up to
 * REPLICA_MAX_LAG_SECONDS behind, so a list can miss the newest rows for that long; a message's detail that
 * the replica does not have yet is read again from the primary, so an id just handed out never 404s.
 * Configuration (channels, workflows, triggers, API keys, users), health, the queue and every write use the
 * primary: people read those right after changing them, and a stale answer there ("my channel is gone") would
 * be a bug, not a delay. Their volume is small anyway, and the hot paths read them through the config cache.
 */

interface Holder {
  set: ReplicaSet | undefined;
  stop(): Promise<void>;
}

// Kept on globalThis beside the primary's pool (lib/db/index.ts closes both) so Next.js dev reloads share it.
const holder = globalThis as typeof globalThis & { __switchboardReplicas?: Holder };

function replicaSet(): ReplicaSet | undefined {
  if (!holder.__switchboardReplicas) {
    const config = env();
    configureReplicas({
      urls: config.DATABASE_REPLICA_URLS ?? [],
      maxLagSeconds: config.REPLICA_MAX_LAG_SECONDS,
    });
  }
  return holder.__switchboardReplicas?.set;
}

/**
 * Sets this process's replicas (from the environment on first use; tests and tools call it directly), stopping
 * the previous ones. No URLs means every read goes to the primary.
 */
export function configureReplicas(options: {
  urls: string[];
  maxLagSeconds: number;
  checkIntervalMs?: number;
}): ReplicaSet | undefined {
  const previous = holder.__switchboardReplicas;
  void previous?.stop();
  const set = options.urls.length > 0 ? new ReplicaSet({ ...options, primary: db }) : undefined;
  holder.__switchboardReplicas = { set, stop: async () => set?.stop() };
  return set;
}

/** Stops the replica pools and checker; the next read configures them again from the environment. */
export async function stopReplicas(): Promise<void> {
  const current = holder.__switchboardReplicas;
  holder.__switchboardReplicas = undefined;
  await current?.stop();
}

/**
 * The pool for read-only queries (lists, details, stats): a healthy replica, in turn, or the primary when none
 * is healthy (or none is configured). Prefer `withRead`, which also survives a replica stopping mid-query.
 */
export function readDb(): Db {
  return replicaSet()?.pick()?.db ?? db();
}

/**
 * Runs a read on `readDb()`. When a replica fails with a connection error (it stopped since its last check) or
 * a recovery conflict, the replica is taken out of rotation and the read runs again on the primary, so the
 * console keeps answering. `again(result)` asks for the primary when a replica's answer may just be too old
 * (a detail not found there). Other errors (a bad query, an AppError) are not retried.
 */
export async function withRead<T>(
  read: (database: Db) => Promise<T>,
  options: { again?: (result: T) => boolean } = {},
): Promise<T> {
  const database = readDb();
  const primary = db();
  if (database === primary) return read(primary);
  let result: T;
  try {
    result = await read(database);
  } catch (error) {
    if (error instanceof AppError || !isOutage(error)) throw error;
    // A recovery conflict (40001) is this query's bad luck; a lost connection means the replica is gone.
    if ((error as { code?: string }).code !== '40001') replicaSet()?.markDown(database, error as Error);
    return read(primary);
  }
  return options.again?.(result) ? read(primary) : result;
}

/** Each replica's state and lag, for health and the replica-lag gauge. Empty when none is configured. */
export function replicaStatuses(): ReplicaStatus[] {
  return replicaSet()?.statuses() ?? [];
}
