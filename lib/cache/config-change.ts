import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { invalidateConfigCaches, NOTIFY_CONFIG_CHANGED } from './config-cache';

/**
 * A write to configuration (channels, workflows, triggers, API keys): the transaction announces the change to
 * every process as it commits, and this process forgets its cached copies at once.
 */
export async function changeConfig<T>(database: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await database.transaction(async (tx) => {
    const value = await work(tx);
    await tx.execute(sql.raw(NOTIFY_CONFIG_CHANGED));
    return value;
  });
  invalidateConfigCaches();
  return result;
}
