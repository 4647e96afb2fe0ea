import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../../drizzle/schema';
import type { Db } from '../db';
import { env } from '../env';

/**
 * Per-channel and global send rates, counted in PostgreSQL so that every worker process shares them.
 * A delivery over the limit is not failed: the caller schedules it again when the window frees up.
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

/** Takes one send from each applicable window; returns 0 when allowed, else milliseconds to wait. */
export async function acquireSendSlot(
  database: Db,
  channelId: string,
  rateLimit: RateLimitConfig | null | undefined,
): Promise<number> {
  const checks: Promise<unknown>[] = [];
  for (const [field, seconds] of WINDOWS) {
    const points = rateLimit?.[field];
    if (points) checks.push(limiter(database, `channel_${field}`, points, seconds).consume(channelId));
  }
  const global = env().GLOBAL_RATE_LIMIT_PER_SECOND;
  if (global) checks.push(limiter(database, 'global_per_second', global, 1).consume('all'));
  const results = await Promise.allSettled(checks);
  let waitMs = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext);
  }
  return waitMs;
}
