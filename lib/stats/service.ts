import type { Db } from '../db';
import { withRead } from '../db/replicas';
import { messageStatusSchema } from '../messages/schemas';
import * as q from './queries';
import type { Stats, StatsQuery, StatusCounts } from './schemas';
import { resolveWindow, type StatsWindow } from './window';

const TOP_FAILING_CHANNELS = 5;

const countsOf = (row: Record<string, unknown>): StatusCounts =>
  Object.fromEntries(messageStatusSchema.options.map((s) => [s, Number(row[s] ?? 0)])) as StatusCounts;

/**
 * The console dashboard's figures for a window, every one an SQL aggregate. The queries run in one read-only
 * repeatable-read transaction, so they all see one snapshot (totals and series add up even while messages move).
 * They read from a healthy replica when there is one (`withRead`: the primary if it stops mid-request);
 * `database` pins a pool.
 */
export async function getStats(query: StatsQuery, database?: Db, now = Date.now()): Promise<Stats> {
  const window = resolveWindow(query, now);
  return database ? readStats(database, window) : withRead((db) => readStats(db, window));
}

async function readStats(database: Db, window: StatsWindow): Promise<Stats> {
  return database.transaction(
    async (tx) => {
      const totals = await q.totals(tx, window);
      const errorRate = await q.errorRate(tx, window);
      const latency = await q.latency(tx, window);
      const dead = await q.deadLettersWaiting(tx);
      const failing = await q.topFailingChannels(tx, window, TOP_FAILING_CHANNELS);
      const volume = await q.volumeByStatus(tx, window);
      const byChannel = await q.volumeByChannel(tx, window);
      return {
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        bucket_seconds: window.bucketSeconds,
        totals: {
          messages: totals.messages,
          succeeded: totals.succeeded,
          failed: totals.failed_total,
          in_flight: totals.in_flight,
          by_status: countsOf(totals),
        },
        success_rate: totals.success_rate,
        error_rate: errorRate,
        latency_ms: { p50: latency.p50, p95: latency.p95, samples: latency.samples },
        dead_letters_waiting: dead,
        top_failing_channels: failing,
        volume: volume.map((row) => ({ start: new Date(row.start_ms).toISOString(), counts: countsOf(row) })),
        volume_by_channel: byChannel,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
