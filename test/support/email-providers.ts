import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import * as statusHook from '../../app/api/v1/hooks/status/[channel_id]/route';
import type { InboundRequest, OutgoingMessage } from '../../lib/channels/types';
import { call } from './factories';
import { failure, type Json, newChannel } from './provider-harness';

/*
 * What the e-mail API provider tests (test/providers/sendgrid, mailgun, ses) share: the sample mail and
 * attachment, the timeout check, and requests to a channel's status hook.
 */

/** Bytes no text encoding survives: an attachment must arrive exactly as they are. */
export const PDF = Buffer.from('%PDF-1.4\n\x00\x01\x02\xff\xfe binary bytes\n', 'latin1');

export const attachment = {
  filename: 'invoice.pdf',
  content_base64: PDF.toString('base64'),
  content_type: 'application/pdf',
};

export function emailMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const id = randomUUID();
  return {
    id,
    idempotencyKey: `run:${id}`,
    to: 'Ann Example <ann@example.test>',
    subject: `Welcome ${id.slice(0, 8)}`,
    body: 'Hello Ann,\nwelcome aboard.',
    html: '<p>Hello <b>Ann</b>, welcome aboard.</p>',
    ...overrides,
  };
}

/** A hanging provider must turn into a retryable timeout within the attempt's budget. */
export async function expectTimeout(
  promise: Promise<unknown>,
  budgetMs: number,
  text: string,
): Promise<void> {
  const started = performance.now();
  const error = await failure(promise);
  expect(error.kind).toBe('retryable');
  expect(error.message).toContain(text);
  expect(performance.now() - started).toBeLessThan(budgetMs + 2_000);
}

/** Creates the channel and posts `rawBody` to its status hook, POST /api/v1/hooks/status/:channel_id. */
export async function postStatus(
  provider: string,
  config: Json,
  rawBody: string,
  headers: Record<string, string> = {},
) {
  const channelId = await newChannel(provider, config);
  return call(statusHook.POST, { method: 'POST', params: { channel_id: channelId }, rawBody, headers });
}

/** A JSON request to a status hook, as the route hands it to the provider's webhook. */
export function inbound(rawBody: string, headers: Record<string, string> = {}): InboundRequest {
  return {
    method: 'POST',
    url: 'http://localhost/api/v1/hooks/status/ch',
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    rawBody,
  };
}
