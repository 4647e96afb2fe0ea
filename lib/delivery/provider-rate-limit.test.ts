import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../channels/types';
import { isProviderRateLimit, waitFitsCap } from './provider-rate-limit';

describe('provider rate limits', () => {
  it('a retryable 429 or a failure marked rateLimited is a rate limit; a 503 or a permanent 429 is not', () => {
    expect(isProviderRateLimit(new DeliveryError('429', 'retryable', { responseCode: 429 }))).toBe(true);
    expect(isProviderRateLimit(new DeliveryError('throttled', 'retryable', { rateLimited: true }))).toBe(
      true,
    );
    expect(
      isProviderRateLimit(new DeliveryError('503', 'retryable', { responseCode: 503, retryAfterMs: 1 })),
    ).toBe(false);
    expect(isProviderRateLimit(new DeliveryError('429', 'permanent', { responseCode: 429 }))).toBe(false);
  });

  it('waits within the cap counted from the first rate limit in a row', () => {
    const now = 1_000_000;
    const cap = 60_000;
    expect(waitFitsCap(null, 60_000, cap, now)).toBe(true);
    expect(waitFitsCap(null, 60_001, cap, now)).toBe(false);
    expect(waitFitsCap(new Date(now - 50_000), 10_000, cap, now)).toBe(true);
    expect(waitFitsCap(new Date(now - 50_000), 10_001, cap, now)).toBe(false);
    // A cap of 0 turns the waiting off: every rate limit is an ordinary failed attempt.
    expect(waitFitsCap(null, 1, 0, now)).toBe(false);
  });
});
