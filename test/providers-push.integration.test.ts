import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apnsProvider } from '../lib/channels/providers/apns';
import { fcmProvider } from '../lib/channels/providers/fcm';
import { generateVapidKeys, webpushProvider } from '../lib/channels/providers/webpush';
import { closeProviders } from '../lib/channels/registry';
import type { ChannelProvider, OutgoingMessage } from '../lib/channels/types';
import { type ApnsFake, generatePushCertificate, startApnsFake } from './fakes/apns';
import { type FcmFake, JWT_BEARER, startFcmFake } from './fakes/fcm';
import { generateSubscriptionKeys, startWebpushFake, type WebpushFake } from './fakes/webpush';
import { check, failure, type Json, providerSender, sendContext, testSend } from './support/provider-harness';

afterAll(() => closeProviders());

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
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

const send = providerSender(message);

/** A hanging provider must fail as a retryable timeout well within the attempt's budget. */
async function expectTimeout(promise: Promise<unknown>, started: number) {
  const error = await failure(promise);
  expect(error.kind).toBe('retryable');
  expect(error.message).toMatch(/within|time budget/);
  expect(Date.now() - started).toBeLessThan(3_000);
}

describe('fcm', () => {
  let fcm: FcmFake;
  const deviceToken = () =>
    `c${randomBytes(8).toString('hex')}:APA91b${randomBytes(60).toString('base64url')}`;
  const config = (extra: Json = {}) => ({
    service_account: fcm.serviceAccount,
    base_url: fcm.url,
    token_url: fcm.tokenUrl,
    ...extra,
  });

  beforeAll(async () => {
    fcm = await startFcmFake();
  });
  afterAll(() => fcm.close());
  beforeEach(() => {
    fcm.requests.length = 0;
    fcm.accepted.length = 0;
    fcm.behave({ kind: 'ok' });
    fcm.refuseAssertions(false);
  });

  it('exchanges a signed service-account assertion for a token and sends notification, data and sections', async () => {
    fcm.revokeTokens();
    const token = deviceToken();
    const result = await send(
      fcmProvider,
      config({ android: { priority: 'high', ttl: '3600s' }, apns: { headers: { 'apns-priority': '10' } } }),
      message({
        to: token,
        content: {
          data: { order_id: '1042', items: 3, tracking: { carrier: 'DHL' } },
          image: 'https://cdn.example.test/box.png',
          android: { collapse_key: 'orders' },
        },
      }),
    );

    const [exchange, post] = fcm.requests;
    expect(exchange).toMatchObject({ endpoint: 'token', method: 'POST', path: '/token' });
    expect(exchange!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(exchange!.body);
    expect(form.get('grant_type')).toBe(JWT_BEARER);
    expect(decodeJwt(form.get('assertion')!)).toMatchObject({
      iss: fcm.clientEmail,
      aud: fcm.tokenUrl,
      scope: 'https://www.googleapis.com/auth/firebase.messaging',
    });
    expect(post).toMatchObject({
      endpoint: 'send',
      method: 'POST',
      path: `/v1/projects/${fcm.projectId}/messages:send`,
    });
    expect(post!.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
    expect(post!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(post!.body)).toEqual({
      message: {
        token,
        notification: {
          title: 'Order shipped',
          body: 'Your order #1042 is on its way.',
          image: 'https://cdn.example.test/box.png',
        },
        data: { order_id: '1042', items: '3', tracking: '{"carrier":"DHL"}' },
        android: { priority: 'high', ttl: '3600s', collapse_key: 'orders' },
        apns: { headers: { 'apns-priority': '10' } },
      },
    });
    const [accepted] = fcm.accepted;
    expect(result.providerMessageId).toBe(accepted!.name);
    expect(result.providerMessageId).toMatch(new RegExp(`^projects/${fcm.projectId}/messages/0:`));
    expect(result.request).toMatchObject({ target: 'token', to: token });
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(result)).not.toContain('ya29.');
  });

  it('reuses the access token until it expires; topics and conditions are targets too', async () => {
    await send(fcmProvider, config(), message({ to: deviceToken() }));
    fcm.requests.length = 0;
    await send(fcmProvider, config(), message({ to: 'topic:orders' }));
    await send(fcmProvider, config(), message({ to: "condition:'orders' in topics || 'vip' in topics" }));
    expect(fcm.requests.map((r) => r.endpoint)).toEqual(['send', 'send']);
    expect(fcm.accepted.slice(-2).map((a) => a.message.topic ?? a.message.condition)).toEqual([
      'orders',
      "'orders' in topics || 'vip' in topics",
    ]);
  });

  it('an UNREGISTERED or invalid registration token is permanent and named as unregistered', async () => {
    const token = deviceToken();
    fcm.unregister(token);
    const gone = await failure(send(fcmProvider, config(), message({ to: token })));
    expect(gone.kind).toBe('permanent');
    expect(gone.message).toMatch(/^token unregistered: /);
    expect(gone.message).toContain(token);
    expect(gone.message).toContain('UNREGISTERED');
    expect(gone.details.responseCode).toBe(404);
    expect(gone.details.response).toMatchObject({ error_code: 'UNREGISTERED', unregistered_token: token });

    const invalid = await failure(send(fcmProvider, config(), message({ to: 'not-a-token' })));
    expect(invalid.kind).toBe('permanent');
    expect(invalid.message).toMatch(/^token unregistered: .*not-a-token.*INVALID_ARGUMENT/);
    expect(invalid.details.response).toMatchObject({ unregistered_token: 'not-a-token' });
  });

  it('401 is permanent with the reason, after one fresh token; a revoked cached token is replaced', async () => {
    fcm.behave({ kind: 'unauthorized' });
    const refused = await failure(send(fcmProvider, config(), message({ to: deviceToken() })));
    expect(refused.kind).toBe('permanent');
    expect(refused.details.responseCode).toBe(401);
    expect(refused.message).toContain('UNAUTHENTICATED');
    expect(refused.message).toContain('invalid authentication credentials');

    fcm.behave({ kind: 'ok' });
    await send(fcmProvider, config(), message({ to: deviceToken() }));
    fcm.revokeTokens();
    fcm.requests.length = 0;
    const result = await send(fcmProvider, config(), message({ to: deviceToken() }));
    expect(result.providerMessageId).toBeTruthy();
    expect(fcm.requests.map((r) => r.endpoint)).toEqual(['send', 'token', 'send']);
  });

  it('a refused assertion is permanent with the OAuth error', async () => {
    await fcmProvider.close!(); // forget cached access tokens
    fcm.refuseAssertions(true);
    const error = await failure(send(fcmProvider, config(), message({ to: deviceToken() })));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('invalid_grant: Invalid JWT Signature.');
  });

  it('429 and 500 are retryable (Retry-After honoured); a hang is a retryable timeout', async () => {
    fcm.behave({ kind: 'rate-limited', retryAfter: '17' });
    const limited = await failure(send(fcmProvider, config(), message({ to: deviceToken() })));
    expect(limited.kind).toBe('retryable');
    expect(limited.details.retryAfterMs).toBe(17_000);
    expect(limited.message).toContain('QUOTA_EXCEEDED');

    fcm.behave({ kind: 'server-error' });
    const broken = await failure(send(fcmProvider, config(), message({ to: deviceToken() })));
    expect(broken.kind).toBe('retryable');
    expect(broken.details.responseCode).toBe(500);

    fcm.behave({ kind: 'hang' });
    await expectTimeout(send(fcmProvider, config(), message({ to: deviceToken() }), 300), Date.now());
  });

  it('check gets a token and validates a dry run; it fails when the assertion is refused', async () => {
    const ok = await check(fcmProvider, config());
    expect(ok).toMatchObject({ ok: true });
    expect(ok.detail).toContain(fcm.clientEmail);
    expect(fcm.accepted).toHaveLength(1);
    expect(fcm.accepted[0]).toMatchObject({
      validateOnly: true,
      name: `projects/${fcm.projectId}/messages/fake_message_id`,
    });

    await fcmProvider.close!();
    fcm.refuseAssertions(true);
    const refused = await check(fcmProvider, config());
    expect(refused).toMatchObject({ ok: false, detail: expect.stringContaining('invalid_grant') });

    fcm.refuseAssertions(false);
    const wrongProject = await check(fcmProvider, config({ project_id: 'someone-else' }));
    expect(wrongProject).toMatchObject({
      ok: false,
      detail: expect.stringContaining('403 PERMISSION_DENIED'),
    });
  });

  it('refuses a key file that is not a service account, and masks it', async () => {
    expect(fcmProvider.secretFields).toEqual(['service_account']);
    const parsed = fcmProvider.configSchema.safeParse({ service_account: '{"type":"authorized_user"}' });
    expect(parsed.success).toBe(false);
  });

  it('sends a test message through the channel test route', async () => {
    const token = deviceToken();
    const body = await testSend('fcm', config(), { to: token });
    expect(body).toMatchObject({ ok: true, provider_message_id: expect.stringMatching(/^projects\//) });
    const last = fcm.accepted.at(-1)!;
    expect(last.message).toMatchObject({ token, notification: { title: 'Switchboard test message' } });
  });
});

describe('apns', () => {
  const bundleId = 'com.example.shop';
  const teamId = 'TEAM123456';
  const keyId = 'KEY1234567';
  let apns: ApnsFake;
  let p8: string;
  let publicKey: KeyObject;
  const device = () => randomBytes(32).toString('hex');
  const config = (extra: Json = {}) => ({
    auth: { type: 'token', key: p8, key_id: keyId, team_id: teamId },
    bundle_id: bundleId,
    environment: 'sandbox',
    endpoint: apns.url,
    ca: apns.ca,
    timeout_seconds: 5,
    ...extra,
  });

  beforeAll(async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    p8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    publicKey = pair.publicKey;
    apns = await startApnsFake({ bundleId, token: { teamId, keyId, publicKey } });
  });
  afterAll(async () => {
    await closeProviders();
    await apns.close();
  });
  beforeEach(() => {
    apns.requests.length = 0;
    apns.delivered.length = 0;
    apns.behave({ kind: 'ok' });
  });

  it('sends an alert over HTTP/2 with a verified provider token and every apns- header', async () => {
    const token = device();
    apns.registerDevice(token);
    const msg = message({
      to: token,
      content: { badge: 3, thread_id: 'orders', data: { order_id: '1042' } },
    });
    const before = Math.floor(Date.now() / 1000);
    const result = await send(
      apnsProvider,
      config({ collapse_id: 'order-1042', expiration_seconds: 3600 }),
      msg,
    );

    expect(apns.delivered).toHaveLength(1);
    const [request] = apns.delivered;
    expect(request).toMatchObject({ method: 'POST', path: `/3/device/${token}` });
    expect(request!.headers.authorization).toMatch(/^bearer ey/);
    expect(request!.claims).toMatchObject({ iss: teamId });
    expect(request!.headers).toMatchObject({
      'apns-topic': bundleId,
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-collapse-id': 'order-1042',
      'apns-id': msg.id,
    });
    const expiration = Number(request!.headers['apns-expiration']);
    expect(expiration).toBeGreaterThanOrEqual(before + 3600);
    expect(expiration).toBeLessThanOrEqual(before + 3602);
    expect(JSON.parse(request!.body)).toEqual({
      order_id: '1042',
      aps: {
        alert: { title: 'Order shipped', body: 'Your order #1042 is on its way.' },
        badge: 3,
        'thread-id': 'orders',
      },
    });
    expect(result.providerMessageId).toBe(msg.id);
    expect(result.response).toMatchObject({ status: 200, apns_id: msg.id });
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
  });

  it('sends background pushes with content-available at priority 5, and voip to the .voip topic', async () => {
    const token = device();
    apns.registerDevice(token);
    await send(
      apnsProvider,
      config(),
      message({ to: token, content: { push_type: 'background', data: { sync: true } } }),
    );
    await send(
      apnsProvider,
      config({ push_type: 'voip', priority: '5', expiration_seconds: 0 }),
      message({ to: token }),
    );
    const [background, voip] = apns.delivered;
    expect(background!.headers).toMatchObject({ 'apns-push-type': 'background', 'apns-priority': '5' });
    expect(JSON.parse(background!.body)).toEqual({ sync: true, aps: { 'content-available': 1 } });
    expect(voip!.headers).toMatchObject({
      'apns-topic': `${bundleId}.voip`,
      'apns-priority': '5',
      'apns-expiration': '0',
    });
  });

  it('Unregistered and BadDeviceToken are permanent and named as unregistered tokens', async () => {
    const token = device();
    apns.registerDevice(token);
    const since = Date.now() - 60_000;
    apns.unregister(token, since);
    const gone = await failure(send(apnsProvider, config(), message({ to: token })));
    expect(gone.kind).toBe('permanent');
    expect(gone.message).toMatch(
      new RegExp(`^token unregistered: APNs refused device token ${token} \\(HTTP 410 Unregistered`),
    );
    expect(gone.message).toContain(new Date(since).toISOString());
    expect(gone.details.response).toMatchObject({
      status: 410,
      reason: 'Unregistered',
      unregistered_token: token,
    });

    const unknown = device();
    const bad = await failure(send(apnsProvider, config(), message({ to: unknown })));
    expect(bad.kind).toBe('permanent');
    expect(bad.message).toMatch(/^token unregistered: .*BadDeviceToken/);

    apns.requests.length = 0;
    const malformed = await failure(send(apnsProvider, config(), message({ to: 'not hex' })));
    expect(malformed.kind).toBe('permanent');
    expect(apns.requests).toHaveLength(0);
  });

  it('InvalidProviderToken (403) is permanent with the reason; a token from another key is refused', async () => {
    apns.behave({ kind: 'unauthorized' });
    const refused = await failure(send(apnsProvider, config(), message({ to: device() })));
    expect(refused.kind).toBe('permanent');
    expect(refused.details.responseCode).toBe(403);
    expect(refused.message).toBe('APNs answered HTTP 403 InvalidProviderToken');

    apns.behave({ kind: 'ok' });
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const forged = await failure(
      send(
        apnsProvider,
        config({
          auth: {
            type: 'token',
            key: other.privateKey.export({ type: 'pkcs8', format: 'pem' }),
            key_id: keyId,
            team_id: teamId,
          },
        }),
        message({ to: device() }),
      ),
    );
    expect(forged.message).toContain('InvalidProviderToken');
  });

  it('429 and 500 are retryable (APNs sends no Retry-After); a hang is a retryable timeout', async () => {
    apns.behave({ kind: 'rate-limited', retryAfter: '30' });
    const limited = await failure(send(apnsProvider, config(), message({ to: device() })));
    expect(limited.kind).toBe('retryable');
    expect(limited.message).toContain('429 TooManyRequests');
    // node-apn drops Retry-After, so the channel's backoff applies.
    expect(limited.details.retryAfterMs).toBeUndefined();
    // node-apn's own retries are off: one request per attempt.
    expect(apns.requests).toHaveLength(1);

    apns.behave({ kind: 'server-error' });
    const broken = await failure(send(apnsProvider, config(), message({ to: device() })));
    expect(broken.kind).toBe('retryable');
    expect(broken.details.responseCode).toBe(500);

    apns.behave({ kind: 'hang' });
    await expectTimeout(send(apnsProvider, config(), message({ to: device() }), 300), Date.now());
    // Without a shorter attempt budget, node-apn's request timeout (the channel's timeout_seconds) fires.
    const started = Date.now();
    const timedOut = await failure(
      send(apnsProvider, config({ timeout_seconds: 1 }), message({ to: device() })),
    );
    expect(timedOut.kind).toBe('retryable');
    expect(timedOut.message).toContain('did not answer within 1000 ms');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a gateway whose certificate is not trusted, for good', async () => {
    const { ca: _, ...untrusted } = config();
    const error = await failure(send(apnsProvider, untrusted, message({ to: device() })));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/TLS with the APNs gateway failed: .*certificate/);
  });

  it('authenticates with a push certificate instead of a token', async () => {
    const cert = await generatePushCertificate(bundleId);
    const gateway = await startApnsFake({ bundleId, clientCertificate: cert.cert });
    try {
      const token = device();
      gateway.registerDevice(token);
      const certConfig = (certificate: string, privateKey: string) =>
        config({
          auth: { type: 'certificate', certificate, private_key: privateKey },
          endpoint: gateway.url,
          ca: gateway.ca,
        });
      const result = await send(apnsProvider, certConfig(cert.cert, cert.key), message({ to: token }));
      expect(result.providerMessageId).toBeTruthy();
      expect(gateway.delivered[0]!.headers.authorization).toBeUndefined();

      const stranger = await generatePushCertificate(bundleId);
      const refused = await failure(
        send(apnsProvider, certConfig(stranger.cert, stranger.key), message({ to: token })),
      );
      expect(refused.message).toBe('APNs answered HTTP 403 BadCertificate');
      expect(refused.kind).toBe('permanent');
    } finally {
      await closeProviders();
      await gateway.close();
    }
  });

  it('check pushes to a token that cannot exist: BadDeviceToken is ok, a refused key is not', async () => {
    const ok = await check(apnsProvider, config());
    expect(ok).toEqual({
      ok: true,
      detail: `APNs accepted key ${keyId} of team ${teamId} for ${bundleId}; nothing was delivered`,
    });
    expect(apns.delivered).toHaveLength(0);
    expect(apns.requests[0]!.headers['apns-push-type']).toBe('background');

    apns.behave({ kind: 'unauthorized' });
    const refused = await check(apnsProvider, config());
    expect(refused).toEqual({ ok: false, detail: 'APNs answered HTTP 403 InvalidProviderToken' });
  });

  it('accepts only PEM credentials (node-apn would read anything else as a file path)', () => {
    const parsed = apnsProvider.configSchema.safeParse({
      auth: { type: 'token', key: '/etc/passwd', key_id: keyId, team_id: teamId },
      bundle_id: bundleId,
    });
    expect(parsed.success).toBe(false);
    expect(apnsProvider.secretFields).toEqual(['auth.key', 'auth.private_key', 'auth.passphrase']);
  });

  it('sends a test message through the channel test route', async () => {
    const token = device();
    apns.registerDevice(token);
    const body = await testSend('apns', config(), { to: token });
    expect(body).toMatchObject({ ok: true, provider_message_id: apns.delivered[0]!.headers['apns-id'] });
    expect(JSON.parse(apns.delivered[0]!.body).aps.alert.title).toBe('Switchboard test message');
  });
});

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
