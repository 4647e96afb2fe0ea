import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { type Db, schema } from '../db';
import type { Statement } from '../db/sql';
import { logger } from '../logger';
import { deleteBatch, deleteEvents, deleteMessages, deleteRuns } from './retention-batches';
import { type RetentionSettings, retentionEnabled, retentionSettings } from './settings';

export const RETENTION_TASK = 'retention';

export interface RetentionResult {
  runId: number;
  /** Rows removed per table: messages, message_attempts, workflow_runs, events. */
  deleted: Record<string, number>;
  /** DELETE statements run per table (each its own short transaction). */
  batches: Record<string, number>;
  error?: string;
}

const DAY_MS = 86_400_000;
const STOPPED = 'stopped early: the worker is shutting down; the next run deletes the rest';

/**
 * Deletes what is older than the retention limits, in batches, and records the run in `maintenance_runs`
 * (updated after every batch, so health shows a long run's progress). Order matters: messages first, then the
 * finished runs they leave without messages, then events, so deleting an event rarely has a run to update.
 * Runs follow the messages' limit: a run is the context of its messages and goes once they are all gone.
 */
export async function runRetention(
  database: Db,
  settings: RetentionSettings = retentionSettings(),
  workerId?: string,
  /** Aborted when the worker shuts down: the run stops after the batch in progress and says so. */
  stopping?: AbortSignal,
): Promise<RetentionResult> {
  const [run] = await database
    .insert(schema.maintenanceRuns)
    .values({ task: RETENTION_TASK, workerId })
    .returning({ id: schema.maintenanceRuns.id });
  const result: RetentionResult = { runId: run!.id, deleted: {}, batches: {} };
  const record = (finished: boolean) =>
    database
      .update(schema.maintenanceRuns)
      .set({
        deleted: result.deleted,
        error: result.error ?? null,
        ...(finished ? { finishedAt: new Date() } : {}),
      })
      .where(eq(schema.maintenanceRuns.id, result.runId));

  const now = Date.now();
  const plan: [string, Statement, Date][] = [];
  if (settings.messagesDays !== undefined) {
    const cutoff = new Date(now - settings.messagesDays * DAY_MS);
    plan.push(['messages', deleteMessages, cutoff], ['workflow_runs', deleteRuns, cutoff]);
  }
  if (settings.eventsDays !== undefined)
    plan.push(['events', deleteEvents, new Date(now - settings.eventsDays * DAY_MS)]);

  try {
    for (const [table, statement, cutoff] of plan) {
      for (;;) {
        if (stopping?.aborted) throw new Error(STOPPED);
        const counts = await deleteBatch(database.$client, statement, cutoff, settings.batchSize);
        result.batches[table] = (result.batches[table] ?? 0) + 1;
        for (const [key, n] of Object.entries(counts)) result.deleted[key] = (result.deleted[key] ?? 0) + n;
        await record(false);
        if ((counts[table] ?? 0) < settings.batchSize) break;
        await sleep(settings.pauseMs, undefined, { signal: stopping }).catch(() => {});
      }
    }
  } catch (error) {
    result.error = (error as Error).message;
  }
  await record(true);
  const log = {
    runId: result.runId,
    deleted: result.deleted,
    batches: result.batches,
    enabled: retentionEnabled(settings),
  };
  if (result.error)
    logger.warn({ ...log, error: result.error }, 'retention run failed; the next run continues');
  else logger.info(log, 'retention run finished');
  return result;
}
