import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { db } from '../db';
import { env } from '../env';

/**
 * Failed sign-ins are counted per account and per client address in PostgreSQL, so every web process
 * shares the counts. Reaching either limit blocks further attempts for LOGIN_BLOCK_SECONDS.
 */
interface Limiters {
  account: RateLimiterPostgres;
  ip: RateLimiterPostgres;
}

let limiters: Limiters | undefined;

function get(): Limiters {
  if (limiters) return limiters;
  const { LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_MAX_FAILURES_PER_IP, LOGIN_BLOCK_SECONDS } = env();
  const common = {
    storeClient: db().$client,
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    duration: LOGIN_BLOCK_SECONDS,
    clearExpiredByTimeout: false,
  };
  limiters = {
    account: new RateLimiterPostgres({
      ...common,
      keyPrefix: 'login_account',
      points: LOGIN_MAX_FAILURES_PER_ACCOUNT,
    }),
    ip: new RateLimiterPostgres({ ...common, keyPrefix: 'login_ip', points: LOGIN_MAX_FAILURES_PER_IP }),
  };
  return limiters;
}

export class LoginBlockedError extends Error {
  override name = 'LoginBlockedError';
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
}

/** Throws LoginBlockedError while either counter is at its limit. */
export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const { account, ip: perIp } = get();
  const [a, i] = await Promise.all([account.get(email), perIp.get(ip)]);
  for (const [res, limit] of [
    [a, account.points],
    [i, perIp.points],
  ] as const) {
    if (res && res.consumedPoints >= limit) throw new LoginBlockedError(Math.ceil(res.msBeforeNext / 1000));
  }
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const { account, ip: perIp } = get();
  // consume() rejects with a RateLimiterRes once the limit is passed; that is the blocked state, not an error.
  const swallowLimit = (error: unknown) => {
    if (!(error instanceof RateLimiterRes)) throw error;
  };
  await Promise.all([account.consume(email).catch(swallowLimit), perIp.consume(ip).catch(swallowLimit)]);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await get().account.delete(email);
}
