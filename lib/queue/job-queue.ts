import { sql } from 'drizzle-orm';
import { type Db as BossDb, fromDrizzle, type PgBoss } from 'pg-boss';
import type { Tx } from '../db';
import type { SqlClient } from '../db/sql';
import type { QueueName } from './queues';

export interface NewJob {
  data: object;
  startAfter?: Date;
  singletonKey?: string;
}

/** A fetched job as pg-boss hands it over; completing it with its retry count fences the attempt. */
export interface FetchedJob {
  id: string;
  retryCount: number;
}

/** A drizzle transaction (admin paths) or a node-postgres client inside a transaction (hot paths). */
export type TxLike = Tx | SqlClient;

/**
 * The engine's view of the job queue: jobs are created and completed only inside the caller's transaction, so
 * a job exists exactly when the row it acts on does, and a batch's completion commits with its results.
 */
export interface JobQueue {
  enqueue(tx: TxLike, queue: QueueName, jobs: NewJob[]): Promise<void>;
  complete(tx: SqlClient, queue: QueueName, jobs: FetchedJob[]): Promise<void>;
}

function adapter(tx: TxLike): BossDb {
  if ('select' in tx) return fromDrizzle(tx, sql);
  return { executeSql: (text: string, values?: unknown[]) => tx.query(text, values) };
}

export function bossQueue(boss: PgBoss): JobQueue {
  return {
    async enqueue(tx, queue, jobs) {
      if (jobs.length === 0) return;
      await boss.insert(queue, jobs, { db: adapter(tx) });
    },
    async complete(tx, queue, jobs) {
      if (jobs.length === 0) return;
      await boss.complete(
        queue,
        jobs.map(({ id, retryCount }) => ({ id, retryCount })),
        undefined,
        {
          db: adapter(tx),
        },
      );
    },
  };
}
