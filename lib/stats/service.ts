import type { Db } from '../db';
import { withRead } from '../db/replicas';
import { bucketStarts, topFailingOf, totalsOf, volumeByChannelOf, volumeOf } from './figures';
import { liveFigures } from './live';
import * as q from './queries';
import { SAMPLE_SIZE, samplePoints } from './sample';
import type { Stats, StatsQuery } from './schemas';
import { BUCKET_ORIGIN, resolveWindow, type StatsWindow } from './window';

const TOP_FAILING_CHANNELS = 5;

/**
 * The console dashboard's figures for a window, from SQL aggregates: one pass over the window's messages gives
 * counts by bucket, channel and status, and every total, series and ranking is derived from them (figures.ts);
 * error rate and latency come from all the window's messages, or a sample of them in a large window (sample.ts).
 * The queries run in one read-only repeatable-read transaction, so they all see one snapshot. They read from a
 * healthy replica when there is one (`withRead`: the primary if it stops mid-request); `database` pins a pool.
 */
export async function getStats(query: StatsQuery, database?: Db, now = Date.now()): Promise<Stats> {
  const window = resolveWindow(query, now);
  return database ? readStats(database, window) : withRead((db) => readStats(db, window));
}

async function readStats(database: Db, window: StatsWindow): Promise<Stats> {
  return database.transaction(
    async (tx) => {
      await q.withoutJit(tx);
      const counts = await q.windowCounts(tx, window);
      const starts = bucketStarts(window, Date.parse(BUCKET_ORIGIN));
      const totals = totalsOf(counts);
      const volume = volumeOf(counts, starts);
      const sampled = totals.messages > SAMPLE_SIZE;
      const perBucket = volume.map((bucket, i) => ({
        startMs: starts[i]!,
        count: Object.values(bucket.counts).reduce((n, c) => n + c, 0),
      }));
      const points = sampled ? samplePoints(perBucket, window) : [];
      const quality = await q.deliveryQuality(tx, window, points);
      const dead = await q.deadLettersWaiting(tx);
      const live = await liveFigures(tx);
      return {
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        bucket_seconds: window.bucketSeconds,
        totals: {
          messages: totals.messages,
          succeeded: totals.succeeded,
          failed: totals.failed,
          in_flight: totals.in_flight,
          by_status: totals.by_status,
        },
        success_rate: totals.success_rate,
        error_rate: quality.error_rate,
        latency_ms: { p50: quality.p50, p95: quality.p95, samples: quality.samples },
        sample: sampled ? { messages: quality.messages, of: totals.messages } : null,
        dead_letters_waiting: dead,
        top_failing_channels: topFailingOf(counts, TOP_FAILING_CHANNELS),
        volume,
        volume_by_channel: volumeByChannelOf(counts, starts),
        ...live,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
