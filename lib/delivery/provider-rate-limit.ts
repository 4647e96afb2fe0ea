import type { DeliveryError } from '../channels/types';

/**
 * A provider's "slow down" (HTTP 429, or a throttling error a provider marks `rateLimited`) is not a failure of
 * the message: it is waited out without spending the retry budget, for at most RATE_LIMIT_MAX_WAIT_SECONDS in a
 * row. After that a rate limit counts as an ordinary failed attempt (so a provider that never lets up still
 * ends in `dead`, after max_attempts more answers).
 */
export function isProviderRateLimit(failure: DeliveryError): boolean {
  return (
    failure.kind === 'retryable' &&
    (failure.details.rateLimited === true || failure.details.responseCode === 429)
  );
}

/**
 * Whether a wait of `waitMs` still fits in the cap, counting from the first rate limit of the streak (`since`;
 * null when this is the first).
 */
export function waitFitsCap(since: Date | null, waitMs: number, capMs: number, now = Date.now()): boolean {
  const streak = since ? Math.max(0, now - since.getTime()) : 0;
  return streak + waitMs <= capMs;
}
