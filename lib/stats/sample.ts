import type { StatsWindow } from './window';

/**
 * Error rate and latency join each message to its attempts, run and event: per message, not per index entry, so
 * their cost grows with the range. Up to SAMPLE_SIZE messages in the range they are computed over all of them;
 * beyond, over SAMPLE_SIZE of them: SAMPLE_POINTS runs of consecutive messages, each starting where the range's
 * cumulative volume reaches j / SAMPLE_POINTS of its total (so each run has its share of the range, more messages
 * than it takes, before the next one starts). The sample follows the volume (a busy hour gives
 * more of it than a quiet one) and the same range always gives the same sample.
 */
export const SAMPLE_SIZE = 2000;
export const SAMPLE_POINTS = 100;

export interface BucketVolume {
  startMs: number;
  count: number;
}

/**
 * The instants where the sample runs start: the `points` quantiles of the window's volume, linearly
 * interpolated within a bucket (its part inside the window). Empty when the window has no messages.
 */
export function samplePoints(
  buckets: readonly BucketVolume[],
  window: StatsWindow,
  points = SAMPLE_POINTS,
): Date[] {
  const width = window.bucketSeconds * 1000;
  const from = window.from.getTime();
  const to = window.to.getTime();
  const sorted = buckets.filter((b) => b.count > 0).sort((a, b) => a.startMs - b.startMs);
  const total = sorted.reduce((n, b) => n + b.count, 0);
  if (total === 0) return [];
  const result: Date[] = [];
  let before = 0;
  let i = 0;
  for (let j = 0; j < points; j++) {
    const target = (j * total) / points;
    while (before + sorted[i]!.count < target) before += sorted[i++]!.count;
    const bucket = sorted[i]!;
    const lo = Math.max(bucket.startMs, from);
    const hi = Math.min(bucket.startMs + width, to);
    result.push(new Date(Math.floor(lo + ((target - before) / bucket.count) * (hi - lo))));
  }
  return result;
}
