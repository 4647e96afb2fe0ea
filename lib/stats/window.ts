/**
 * The time window of a stats request: its range, its bucket width and the limits that keep one request cheap.
 * Pure functions, shared by the query schema (which refuses bad windows) and the queries (which use them).
 */

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;

/** The longest range one request may cover. */
export const MAX_SPAN_SECONDS = 90 * DAY;
/** The most buckets one time series may have. */
export const MAX_BUCKETS = 1500;
export const DEFAULT_SPAN_SECONDS = DAY;

/**
 * Buckets start at whole minutes, hours and days in UTC: `date_bin` counts from this origin (a Monday, midnight
 * UTC), so the same bucket has the same start in every request.
 */
export const BUCKET_ORIGIN = '2001-01-01T00:00:00.000Z';
const ORIGIN_MS = Date.parse(BUCKET_ORIGIN);

const NAMED: Record<string, number> = { minute: MINUTE, hour: HOUR, day: DAY };
const UNIT: Record<string, number> = { m: MINUTE, h: HOUR, d: DAY };
export const BUCKET_PATTERN = /^(minute|hour|day|[1-9]\d{0,3}[mhd])$/;

/** `minute`, `hour`, `day` or `<n>m|h|d` (`5m`, `6h`) as seconds; undefined for anything else. */
export function bucketSeconds(bucket: string): number | undefined {
  if (!BUCKET_PATTERN.test(bucket)) return undefined;
  const named = NAMED[bucket];
  if (named) return named;
  return Number(bucket.slice(0, -1)) * (UNIT[bucket.slice(-1)] ?? 0);
}

/** The bucket when none is asked for: minutes up to 2 h, hours up to 8 days, days beyond. */
export function defaultBucketSeconds(spanSeconds: number): number {
  if (spanSeconds <= 2 * HOUR) return MINUTE;
  if (spanSeconds <= 8 * DAY) return HOUR;
  return DAY;
}

/** How many buckets cover [from, to): the first starts at or before `from`, the last before `to`. */
export function bucketCount(fromMs: number, toMs: number, bucketSecs: number): number {
  const width = bucketSecs * 1000;
  const firstStart = ORIGIN_MS + Math.floor((fromMs - ORIGIN_MS) / width) * width;
  return Math.ceil((toMs - firstStart) / width);
}

export interface StatsWindow {
  from: Date;
  to: Date;
  bucketSeconds: number;
}

/** The window with its defaults filled in: `to` now, `from` 24 h before `to`, the bucket from the span. */
export function resolveWindow(
  query: { from?: string; to?: string; bucket?: string },
  now: number = Date.now(),
): StatsWindow {
  const to = query.to ? new Date(query.to) : new Date(now);
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_SPAN_SECONDS * 1000);
  const span = (to.getTime() - from.getTime()) / 1000;
  const bucket = query.bucket ? bucketSeconds(query.bucket) : undefined;
  return { from, to, bucketSeconds: bucket ?? defaultBucketSeconds(span) };
}

/** What is wrong with a window, by query field; empty when it is fine. */
export function windowProblems(window: StatsWindow): { path: 'from' | 'to' | 'bucket'; message: string }[] {
  const fromMs = window.from.getTime();
  const toMs = window.to.getTime();
  if (toMs <= fromMs) return [{ path: 'to', message: 'must be after from (to defaults to now)' }];
  if ((toMs - fromMs) / 1000 > MAX_SPAN_SECONDS) {
    return [{ path: 'from', message: `the range from..to may span at most ${MAX_SPAN_SECONDS / DAY} days` }];
  }
  const buckets = bucketCount(fromMs, toMs, window.bucketSeconds);
  if (buckets > MAX_BUCKETS) {
    return [
      {
        path: 'bucket',
        message: `gives ${buckets} buckets over this range; at most ${MAX_BUCKETS} (choose a wider bucket)`,
      },
    ];
  }
  return [];
}
