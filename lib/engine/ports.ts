import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { Db, Tx } from '../db';
import type { QueueName } from '../queue/queues';

export interface NewJob {
  data: object;
  startAfter?: Date;
  singletonKey?: string;
}

/** The engine's view of the job queue: jobs are always created inside the caller's transaction. */
export interface JobQueue {
  enqueue(tx: Tx, queue: QueueName, jobs: NewJob[]): Promise<void>;
}

export interface EngineDeps {
  db: Db;
  queue: JobQueue;
}

export function bossQueue(boss: PgBoss): JobQueue {
  return {
    async enqueue(tx, queue, jobs) {
      if (jobs.length === 0) return;
      await boss.insert(queue, jobs, { db: fromDrizzle(tx, sql) });
    },
  };
}
