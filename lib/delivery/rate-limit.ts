import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../../drizzle/schema';
import type { Db } from '../db';
import { env } from '../env';

/**
 * Per-channel and global send rates, counted in PostgreSQL so that every worker process shares them. A delivery
 * over the limit is not failed: the caller schedules it again when the window frees up.
 *
 * Windows are fixed (per second / minute / hour, starting at the first send in them): over time the rate holds,
 * but a burst can straddle two windows, so a wall-clock second may see up to twice the per-second limit.
 */
const WINDOWS = [
  ['per_second', 1],
  ['per_minute', 60],
  ['per_hour', 3600],
] as const;

const limiters = new Map<string, RateLimiterPostgres>();

function limiter(database: Db, name: string, points: number, duration: number): RateLimiterPostgres {
  const key = `${name}:${points}:${duration}`;
  let found = limiters.get(key);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: database.$client,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: name,
      points,
      duration,
    });
    limiters.set(key, found);
  }
  return found;
}

interface Window {
  limiter: RateLimiterPostgres;
  key: string;
  points: number;
}

function windowsFor(
  database: Db,
  channelId: string,
  rateLimit: RateLimitConfig | null | undefined,
): Window[] {
  const windows: Window[] = [];
  for (const [field, seconds] of WINDOWS) {
    const points = rateLimit?.[field];
    if (points)
      windows.push({
        limiter: limiter(database, `channel_${field}`, points, seconds),
        key: channelId,
        points,
      });
  }
  const global = env().GLOBAL_RATE_LIMIT_PER_SECOND;
  if (global)
    windows.push({ limiter: limiter(database, 'global_per_second', global, 1), key: 'all', points: global });
  return windows;
}

/** Whether sends through this channel are counted at all (no limits: no round trips). */
export function isRateLimited(rateLimit: RateLimitConfig | null | undefined): boolean {
  return Boolean(env().GLOBAL_RATE_LIMIT_PER_SECOND || WINDOWS.some(([field]) => rateLimit?.[field]));
}

/**
 * Takes up to `wanted` sends from every window that applies, in one round trip per window. Returns how many may
 * go now and, when that is fewer than wanted, how long until the rest may. Points taken beyond what is granted
 * are given back, so a batch never uses up a window it does not send in.
 */
export async function acquireSendSlots(
  database: Db,
  channelId: string,
  rateLimit: RateLimitConfig | null | undefined,
  wanted: number,
): Promise<{ granted: number; retryInMs: number }> {
  const windows = windowsFor(database, channelId, rateLimit);
  if (windows.length === 0 || wanted === 0) return { granted: wanted, retryInMs: 0 };
  const taken = await Promise.all(
    windows.map(async (w) => {
      try {
        await w.limiter.consume(w.key, wanted);
        return { granted: wanted, retryInMs: 0 };
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const over = error.consumedPoints - w.points;
        return { granted: Math.max(0, Math.min(wanted, wanted - over)), retryInMs: error.msBeforeNext };
      }
    }),
  );
  const granted = Math.min(...taken.map((t) => t.granted));
  await Promise.all(
    windows.map((w) => (wanted > granted ? w.limiter.reward(w.key, wanted - granted) : Promise.resolve())),
  );
  return { granted, retryInMs: Math.max(0, ...taken.map((t) => t.retryInMs)) };
}
