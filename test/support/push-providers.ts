import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { OutgoingMessage } from '../../lib/channels/types';
import { failure } from './provider-harness';

/*
 * What the push provider tests (test/providers/apns, webpush) share: the sample notification and the timeout
 * check.
 */

export function pushMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const id = randomUUID();
  return {
    id,
    idempotencyKey: `run:${id}`,
    to: '',
    subject: 'Order shipped',
    body: 'Your order #1042 is on its way.',
    ...overrides,
  };
}

/** A hanging provider must fail as a retryable timeout well within the attempt's budget. */
export async function expectTimeout(promise: Promise<unknown>, started: number): Promise<void> {
  const error = await failure(promise);
  expect(error.kind).toBe('retryable');
  expect(error.message).toMatch(/within|time budget/);
  expect(Date.now() - started).toBeLessThan(3_000);
}
