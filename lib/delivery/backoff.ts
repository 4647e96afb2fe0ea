import type { RetryPolicy } from '../../drizzle/schema';

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential from base, capped at max, with
 * "equal jitter" (half fixed, half random) so retries from many messages spread out but still grow.
 * A provider's Retry-After is a floor.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs = 0,
  random = Math.random,
): number {
  const exponential = policy.base_delay_seconds * 1000 * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.max_delay_seconds * 1000, exponential);
  const jittered = capped / 2 + (capped / 2) * random();
  return Math.round(Math.max(jittered, retryAfterMs));
}
