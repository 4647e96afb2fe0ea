import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateVapidKeys, webpushProvider } from '../../lib/channels/providers/webpush';
import { closeProviders } from '../../lib/channels/registry';
import type { ChannelProvider } from '../../lib/channels/types';
import { generateSubscriptionKeys, startWebpushFake, type WebpushFake } from '../fakes/webpush';
import {
  check,
  failure,
  type Json,
  providerSender,
  sendContext,
  testSend,
} from '../support/provider-harness';
import { expectTimeout, pushMessage as message } from '../support/push-providers';

/*
 * Web Push through web-push against the strict push service fake (test/fakes/webpush.ts, over TLS): the
 * encrypted payload and VAPID signature, how expired subscriptions (404/410), refused credentials, 429, 5xx, a
 * hang and an untrusted push service are classified, VAPID key pairs and the check.
 */

afterAll(() => closeProviders());

const send = providerSender(message);

describe('webpush', () => {
  let push: WebpushFake;
  const vapid = generateVapidKeys();
  const config = (extra: Json = {}) => ({
    ...vapid,
    vapid_subject: 'mailto:ops@example.test',
    ca: push.ca,
    timeout_seconds: 5,
    ...extra,
  });
  const subscription = (applicationServerKey = vapid.vapid_public_key) => {
    const keys = generateSubscriptionKeys();
    return push.subscribe(keys, applicationServerKey);
  };

  beforeAll(async () => {
    push = await startWebpushFake();
  });
  afterAll(() => push.close());
  beforeEach(() => {
    push.requests.length = 0;
    push.received.length = 0;
    push.behave({ kind: 'ok' });
  });

  it('encrypts the rendered message for the subscription and signs VAPID for the push service', async () => {
    const sub = subscription();
    const result = await send(
      webpushProvider,
      config({ ttl_seconds: 600, urgency: 'high', topic: 'orders' }),
      message({
        to: JSON.stringify(sub),
        content: { data: { url: '/orders/1042' }, notification: { icon: '/icon.png', tag: 'order-1042' } },
      }),
    );

    expect(push.received).toHaveLength(1);
    const [received] = push.received;
    expect(JSON.parse(received!.plaintext)).toEqual({
      icon: '/icon.png',
      tag: 'order-1042',
      title: 'Order shipped',
      body: 'Your order #1042 is on its way.',
      data: { url: '/orders/1042' },
    });
    expect(received!.headers).toMatchObject({
      ttl: '600',
      urgency: 'high',
      topic: 'orders',
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
    });
    expect(received!.headers.authorization).toContain(`k=${vapid.vapid_public_key}`);
    expect(received!.claims).toMatchObject({ aud: push.origin, sub: 'mailto:ops@example.test' });
    expect(result.providerMessageId).toBe(received!.location);
    expect(result.responseCode).toBe(201);
    expect(result.request).toEqual({
      method: 'POST',
      push_service: push.origin,
      ttl: 600,
      urgency: 'high',
      topic: 'orders',
      payload_bytes: Buffer.byteLength(received!.plaintext),
    });
    expect(JSON.stringify(result)).not.toContain(vapid.vapid_private_key);
  });

  it('404 and 410 mean the subscription expired (permanent)', async () => {
    const sub = subscription();
    push.expire(sub.endpoint);
    const gone = await failure(send(webpushProvider, config(), message({ to: JSON.stringify(sub) })));
    expect(gone.kind).toBe('permanent');
    expect(gone.message).toMatch(/^push subscription expired \(HTTP 410\)/);
    expect(gone.details.response).toMatchObject({ status: 410, subscription_expired: true });

    const unknown = { ...subscription(), endpoint: `${push.origin}/push/unknown` };
    const missing = await failure(send(webpushProvider, config(), message({ to: JSON.stringify(unknown) })));
    expect(missing.message).toMatch(/^push subscription expired \(HTTP 404\)/);
  });

  it('refused VAPID credentials are permanent with the reason', async () => {
    push.behave({ kind: 'unauthorized' });
    const refused = await failure(
      send(webpushProvider, config(), message({ to: JSON.stringify(subscription()) })),
    );
    expect(refused.kind).toBe('permanent');
    expect(refused.details.responseCode).toBe(401);
    expect(refused.message).toContain('invalid bearer token');

    push.behave({ kind: 'ok' });
    const other = generateVapidKeys();
    const mismatch = await failure(
      send(webpushProvider, config(other), message({ to: JSON.stringify(subscription()) })),
    );
    expect(mismatch.details.responseCode).toBe(403);
    expect(mismatch.message).toContain('VAPID key does not match the subscription');
  });

  it('429 and 500 are retryable (Retry-After honoured); a hang is a retryable timeout', async () => {
    const to = JSON.stringify(subscription());
    push.behave({ kind: 'rate-limited', retryAfter: '45' });
    const limited = await failure(send(webpushProvider, config(), message({ to })));
    expect(limited.kind).toBe('retryable');
    expect(limited.details.retryAfterMs).toBe(45_000);

    push.behave({ kind: 'server-error' });
    const broken = await failure(send(webpushProvider, config(), message({ to })));
    expect(broken.kind).toBe('retryable');
    expect(broken.details.responseCode).toBe(500);

    push.behave({ kind: 'hang' });
    await expectTimeout(send(webpushProvider, config(), message({ to }), 300), Date.now());
    const started = Date.now();
    const idle = await failure(send(webpushProvider, config({ timeout_seconds: 1 }), message({ to })));
    expect(idle.kind).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a malformed subscription without sending, and an untrusted push service for good', async () => {
    const malformed = await failure(send(webpushProvider, config(), message({ to: 'not json' })));
    expect(malformed.kind).toBe('permanent');
    const noKeys = await failure(
      send(webpushProvider, config(), message({ to: JSON.stringify({ endpoint: `${push.origin}/push/x` }) })),
    );
    expect(noKeys.message).toContain('invalid push subscription: keys');
    expect(push.requests).toHaveLength(0);

    const { ca: _, ...untrusted } = config();
    const tls = await failure(
      send(webpushProvider, untrusted, message({ to: JSON.stringify(subscription()) })),
    );
    expect(tls.kind).toBe('permanent');
    expect(tls.message).toMatch(/TLS with the push service failed/);
  });

  it('generates VAPID pairs; the config refuses keys that are not a pair; check signs and verifies', async () => {
    const pair = generateVapidKeys();
    expect(Buffer.from(pair.vapid_public_key, 'base64url')).toHaveLength(65);
    expect(Buffer.from(pair.vapid_private_key, 'base64url')).toHaveLength(32);
    const mixed = { ...config(), vapid_private_key: generateVapidKeys().vapid_private_key };
    const parsed = webpushProvider.configSchema.safeParse(mixed);
    expect(parsed.success).toBe(false);
    expect(webpushProvider.secretFields).toEqual(['vapid_private_key']);

    const ok = await check(webpushProvider, config());
    expect(ok).toMatchObject({ ok: true });
    // A stored config from before the pair check, or edited by hand: check says what is wrong.
    const broken = await (webpushProvider as ChannelProvider).check(
      { ...(webpushProvider.configSchema.parse(config()) as Json), ...mixed },
      sendContext(),
    );
    expect(broken).toEqual({
      ok: false,
      detail: 'VAPID keys: the public key does not belong to the private key',
    });
  });

  it('sends a test message through the channel test route', async () => {
    const body = await testSend('webpush', config(), { to: JSON.stringify(subscription()) });
    expect(body).toMatchObject({ ok: true, provider_message_id: push.received[0]!.location });
    expect(JSON.parse(push.received[0]!.plaintext)).toMatchObject({
      title: 'Switchboard test message',
      body: expect.stringContaining('test message'),
    });
  });
});
