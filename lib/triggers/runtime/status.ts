import { and, eq, sql } from 'drizzle-orm';
import { type Db, schema } from '../../db';
import type { StatusUpdate } from './types';

/** Upserts this worker's consumer state for a trigger. */
export async function reportConsumerStatus(
  database: Db,
  triggerId: string,
  workerId: string,
  update: StatusUpdate,
): Promise<void> {
  const now = new Date();
  const values = {
    triggerId,
    workerId,
    state: update.state,
    stateSince: now,
    updatedAt: now,
    ...(update.lag !== undefined ? { lag: update.lag } : {}),
    ...(update.lastMessageAt ? { lastMessageAt: update.lastMessageAt } : {}),
    ...(update.lastError !== undefined
      ? { lastError: update.lastError, lastErrorAt: update.lastError ? now : null }
      : {}),
  };
  await database
    .insert(schema.consumerStatus)
    .values(values)
    .onConflictDoUpdate({
      target: [schema.consumerStatus.triggerId, schema.consumerStatus.workerId],
      // state_since moves only when the state changes: how long a consumer has been disconnected.
      set: {
        ...values,
        stateSince: sql`CASE WHEN ${schema.consumerStatus.state} = excluded.state
          THEN ${schema.consumerStatus.stateSince} ELSE excluded.state_since END`,
      },
    })
    .catch(() => {
      // The trigger was deleted meanwhile (foreign key): nothing to report on.
    });
}

export async function clearConsumerStatus(database: Db, triggerId: string, workerId: string): Promise<void> {
  await database
    .delete(schema.consumerStatus)
    .where(and(eq(schema.consumerStatus.triggerId, triggerId), eq(schema.consumerStatus.workerId, workerId)));
}

/** Rows of workers that stopped heartbeating are not current: the health page and API show them as stale. */
export const consumerIsCurrent = sql`${schema.consumerStatus.updatedAt} > now() - interval '2 minutes'`;
