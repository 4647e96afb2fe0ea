import { type Db, databaseUrl, db } from './db';
import { queueClient } from './queue/boss';
import { bossQueue, type JobQueue } from './queue/job-queue';

/** What the engine works with: the database, the job queue and, in a worker, who it is. */
export interface EngineDeps {
  db: Db;
  queue: JobQueue;
  /** The worker's id (worker processes only): deliveries it claims are marked with it. */
  workerId?: string;
  /** Aborted when the worker starts shutting down: long jobs (retention) stop between two steps. */
  stopping?: AbortSignal;
}

/** Engine dependencies for the web process and the CLI: the shared pool and an enqueue-only pg-boss. */
export async function engineDeps(): Promise<EngineDeps> {
  return { db: db(), queue: bossQueue(await queueClient(databaseUrl())) };
}
