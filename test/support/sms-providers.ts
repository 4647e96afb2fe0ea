import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { InboundRequest, OutgoingMessage } from '../../lib/channels/types';
import { channelSender, failure } from './provider-harness';

/*
 * What the SMS provider tests (test/providers/twilio, sns, vonage) share: the recipient and status hook URL, the
 * sample text, sending through a stored channel, status-hook requests, and the common failure modes.
 */

export const TO = '+14155552671';
export const HOOK_URL =
  'https://switchboard.example.com/api/v1/hooks/status/5b0c7a52-3f4e-4d8a-9a51-0c1f7d2e9b11';

export function sms(to = TO, body = 'Your Switchboard code is 482913.'): OutgoingMessage {
  const id = randomUUID();
  return { id, idempotencyKey: `run:${id}`, to, subject: 'ignored for SMS', body };
}

/** `send(channelId, msg?, timeoutMs?)` through a stored channel, as the engine does. */
export const sendSms = channelSender(sms);

export function inbound(url: string, headers: Record<string, string>, rawBody: string): InboundRequest {
  return { method: 'POST', url, headers: new Headers(headers), rawBody };
}

/** The common failure modes, as each fake answers them: 429 with Retry-After, 500, a hang. */
export async function expectHttpFailures(
  fake: { setMode(mode: 'rate-limited' | 'server-error' | 'hang', o?: { retryAfter?: string }): void },
  id: string,
): Promise<void> {
  fake.setMode('rate-limited', { retryAfter: '7' });
  const limited = await failure(sendSms(id));
  expect(limited.kind).toBe('retryable');
  expect(limited.details.responseCode).toBe(429);
  expect(limited.details.retryAfterMs).toBe(7_000);

  fake.setMode('server-error');
  const broken = await failure(sendSms(id));
  expect(broken.kind).toBe('retryable');
  expect(broken.details.responseCode).toBe(500);

  fake.setMode('hang');
  const started = Date.now();
  const hung = await failure(sendSms(id, sms(), 300));
  expect(hung.kind).toBe('retryable');
  expect(hung.message).toMatch(/300 ms/);
  expect(Date.now() - started).toBeLessThan(3_000);
}
