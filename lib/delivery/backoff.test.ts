import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

const policy = { max_attempts: 8, base_delay_seconds: 10, max_delay_seconds: 3600 };

describe('retryDelayMs', () => {
  it('grows exponentially with jitter within [half, full] of the step', () => {
    expect(retryDelayMs(policy, 1, 0, () => 0)).toBe(5_000);
    expect(retryDelayMs(policy, 1, 0, () => 1)).toBe(10_000);
    expect(retryDelayMs(policy, 3, 0, () => 0)).toBe(20_000);
    expect(retryDelayMs(policy, 3, 0, () => 1)).toBe(40_000);
  });

  it('is capped at max_delay_seconds', () => {
    expect(retryDelayMs(policy, 30, 0, () => 1)).toBe(3_600_000);
  });

  it('never retries before Retry-After', () => {
    expect(retryDelayMs(policy, 1, 120_000, () => 0)).toBe(120_000);
  });
});
