import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apnsProvider } from '../../lib/channels/providers/apns';
import { closeProviders } from '../../lib/channels/registry';
import { type ApnsFake, generatePushCertificate, startApnsFake } from '../fakes/apns';
import { check, failure, type Json, providerSender, testSend } from '../support/provider-harness';
import { expectTimeout, pushMessage as message } from '../support/push-providers';

/*
 * APNs through @parse/node-apn against the strict APNs fake (test/fakes/apns.ts, HTTP/2 over TLS): the request
 * headers and payload, token and certificate authentication, how APNs reasons (Unregistered, BadDeviceToken,
 * InvalidProviderToken), 429, 5xx, a hang and an untrusted gateway are classified, and the check.
 */

afterAll(() => closeProviders());

const send = providerSender(message);

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
