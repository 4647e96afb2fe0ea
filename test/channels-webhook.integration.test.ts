import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as health from '../app/api/v1/channels/[id]/health/route';
import * as test from '../app/api/v1/channels/[id]/test/route';
import * as collection from '../app/api/v1/channels/route';
import { deliver } from '../lib/channels/deliver';
import { loadChannelForSend } from '../lib/channels/service';
import type { OutgoingMessage } from '../lib/channels/types';
import { call, makeApiKey, uniq } from './support/factories';
import { type HttpSink, startHttpSink } from './support/http-sink';
// The harness also allow-lists 127.0.0.1, where the sinks listen, for the SSRF guard.
import { channelSender, failure, type Json } from './support/provider-harness';

let key: string;
let sink: HttpSink;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  sink = await startHttpSink();
});
afterAll(() => sink.close());
beforeEach(() => {
  sink.requests.length = 0;
  sink.respondWith(() => ({ status: 200, body: '{"ok":true}' }));
});

const signingSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

async function channel(config: Json = {}): Promise<string> {
  const res = await call(collection.POST, {
    method: 'POST',
    key,
    body: { name: `hook-${uniq()}`, provider: 'webhook', config: { url: `${sink.url}/hooks`, ...config } },
  });
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

function message(body: unknown = { event: 'user.created', n: 1 }): OutgoingMessage {
  const id = randomUUID();
  return { id, idempotencyKey: `run:${id}`, to: '', body: JSON.stringify(body) };
}

const send = channelSender(message);

describe('webhook provider', () => {
  it('sends the body signed per Standard Webhooks, with auth and extra headers', async () => {
    const secret = signingSecret();
    const token = `tok_${uniq()}${uniq()}`;
    const id = await channel({
      signing_secret: secret,
      auth: { type: 'bearer', token },
      headers: { 'X-Tenant': 'acme' },
    });
    sink.respondWith(() => ({ status: 202, headers: { 'x-request-id': 'rcv-42' }, body: 'queued' }));
    const msg = message({ event: 'order.paid', amount: 42 });

    const result = await send(id, msg);

    expect(result.providerMessageId).toBe('rcv-42');
    expect(result.responseCode).toBe(202);
    expect(result.response).toMatchObject({ status: 202, body: 'queued' });
    const [received] = sink.requests;
    expect(received).toMatchObject({ method: 'POST', path: '/hooks', body: msg.body });
    expect(received!.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': msg.id,
      authorization: `Bearer ${token}`,
      'x-tenant': 'acme',
    });
    expect(new Webhook(secret).verify(received!.body, received!.headers)).toEqual({
      event: 'order.paid',
      amount: 42,
    });
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('signs with the generated secret when none was given; provider id is null without a header', async () => {
    const id = await channel({ method: 'PUT' });
    const loaded = await loadChannelForSend(id);
    const result = await send(id);
    expect(result.providerMessageId).toBeNull();
    const [received] = sink.requests;
    expect(received!.method).toBe('PUT');
    expect(() =>
      new Webhook(loaded.config.signing_secret as string).verify(received!.body, received!.headers),
    ).not.toThrow();
  });

  it.each([
    [500, undefined, 'retryable', undefined],
    [503, '7', 'retryable', 7000],
    [429, '2', 'retryable', 2000],
    [408, undefined, 'retryable', undefined],
    [400, undefined, 'permanent', undefined],
    [410, undefined, 'permanent', undefined],
  ])('classifies HTTP %i (Retry-After %s) as %s', async (status, retryAfter, kind, retryAfterMs) => {
    const id = await channel();
    sink.respondWith(() => ({
      status,
      headers: retryAfter ? { 'retry-after': retryAfter } : undefined,
      body: `{"error":"status ${status}"}`,
    }));
    const error = await failure(send(id));
    expect(error.kind).toBe(kind);
    expect(error.details.responseCode).toBe(status);
    expect(error.details.retryAfterMs).toBe(retryAfterMs);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain(`status ${status}`);
    expect(error.details.request).toMatchObject({ method: 'POST', url: `${sink.url}/hooks` });
  });

  it('reads Retry-After as an HTTP date', async () => {
    const id = await channel();
    sink.respondWith(() => ({
      status: 429,
      headers: { 'retry-after': new Date(Date.now() + 60_000).toUTCString() },
    }));
    const error = await failure(send(id));
    expect(error.details.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('keeps at most 500 characters of a refusal, and never an echoed credential', async () => {
    const token = `tok_${uniq()}${uniq()}`;
    const id = await channel({ auth: { type: 'bearer', token } });
    sink.respondWith((req) => ({
      status: 400,
      body: `you sent ${req.headers.authorization} ${'x'.repeat(2000)}`,
    }));
    const error = await failure(send(id));
    expect(error.kind).toBe('permanent');
    expect((error.details.response as Json).body.length).toBe(500);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(token);
    expect(error.message).toContain('you sent');
  });

  it('times out a receiver that never answers (retryable) and honours an abort', async () => {
    const id = await channel();
    sink.respondWith(() => ({ status: 200, hang: true }));
    const started = Date.now();
    const error = await failure(send(id, message(), 300));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);

    const controller = new AbortController();
    const pending = deliver(await loadChannelForSend(id), message(), {
      signal: controller.signal,
      timeoutMs: 5_000,
    });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).kind).toBe('retryable');
  });

  it('retries a receiver that is down, and refuses a body that is not JSON', async () => {
    const down = await startHttpSink();
    await down.close();
    const id = await channel({ url: `${down.url}/gone` });
    const error = await failure(send(id));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('ECONNREFUSED');

    const ok = await channel();
    const notJson = await failure(send(ok, { ...message(), body: 'hello' }));
    expect(notJson.kind).toBe('permanent');
    expect(sink.requests).toHaveLength(0);
  });

  it('follows redirects, keeping the signed body on 307 and dropping credentials across origins', async () => {
    const other = await startHttpSink();
    try {
      const id = await channel({ auth: { type: 'bearer', token: 'tok_secret_123' } });
      sink.respondWith((req) =>
        req.path === '/hooks' ? { status: 307, headers: { location: '/moved' } } : { status: 200 },
      );
      other.respondWith(() => ({ status: 200, body: 'ok' }));
      const result = await send(id);
      expect(sink.requests.map((r) => r.path)).toEqual(['/hooks', '/moved']);
      expect(sink.requests[1]!.body).toBe(sink.requests[0]!.body);
      expect(sink.requests[1]!.headers.authorization).toBe('Bearer tok_secret_123');
      expect(result.response).toMatchObject({ redirects: [`${sink.url}/moved`] });

      sink.respondWith(() => ({ status: 308, headers: { location: `${other.url}/elsewhere` } }));
      await send(id);
      expect(other.requests[0]!.headers.authorization).toBeUndefined();
      expect(other.requests[0]!.headers['webhook-signature']).toBeDefined();

      sink.respondWith((req) => ({ status: 302, headers: { location: `${req.path}x` } }));
      const loop = await failure(send(id));
      expect(loop.kind).toBe('permanent');
      expect(loop.message).toContain('gave up after 5 redirects');
    } finally {
      await other.close();
    }
  });
});

describe('webhook test and health routes', () => {
  it('sends a real test message and reports the answer', async () => {
    const id = await channel({ signing_secret: signingSecret() });
    const res = await call(test.POST, { method: 'POST', key, params: { id }, body: {} });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ ok: true, provider_message_id: null, response: { status: 200 } });
    expect(body.duration_ms).toBeGreaterThanOrEqual(0);
    const sent = JSON.parse(sink.requests[0]!.body);
    expect(sent).toMatchObject({ type: 'switchboard.test', channel: { id } });
    expect(sent.message).toContain('test message');
  });

  it('answers a failed delivery with ok: false, an unknown channel with 404', async () => {
    const id = await channel();
    sink.respondWith(() => ({ status: 503, body: 'maintenance' }));
    const res = await call(test.POST, { method: 'POST', key, params: { id }, body: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining('503'),
      response: { status: 503, body: 'maintenance' },
    });

    const missing = await call(test.POST, {
      method: 'POST',
      key,
      params: { id: randomUUID() },
      body: {},
    });
    expect(missing.status).toBe(404);
    const trigger = await makeApiKey('trigger');
    expect(
      (await call(test.POST, { method: 'POST', key: trigger.key, params: { id }, body: {} })).status,
    ).toBe(403);
  });

  it('checks health by connecting, without sending a request', async () => {
    const id = await channel();
    const res = await call(health.GET, { key, params: { id } });
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ ok: true, detail: expect.stringContaining('nothing was sent') });
    expect(sink.requests).toHaveLength(0);

    const down = await startHttpSink();
    await down.close();
    const downId = await channel({ url: down.url });
    const downBody = (await (await call(health.GET, { key, params: { id: downId } })).json()) as Json;
    expect(downBody).toMatchObject({ ok: false, detail: expect.stringContaining('ECONNREFUSED') });
  });
});
