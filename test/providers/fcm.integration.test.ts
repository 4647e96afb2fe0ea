import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { getApps } from 'firebase-admin/app';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { fcmProvider } from '../../lib/channels/providers/fcm';
import { closeProviders } from '../../lib/channels/registry';
import type { OutgoingMessage } from '../../lib/channels/types';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../lib/db/migrate';
import { setOutboundResolver } from '../../lib/outbound/ssrf';
import { type FcmFake, JWT_BEARER, startFcmFake } from '../fakes/fcm';
import { type ConnectProxy, startConnectProxy } from '../support/connect-proxy';
import {
  check,
  failure,
  type Json,
  providerSender,
  sendContext,
  testSend,
} from '../support/provider-harness';
import { createDatabase, dropDatabase, randomDatabaseName } from '../support/test-database';

/*
 * FCM through firebase-admin, against the strict fake of Google's token endpoint and FCM API. The SDK only ever
 * calls https://oauth2.googleapis.com and https://fcm.googleapis.com, so the channels here send through their
 * `proxy_url`: a local CONNECT proxy that tunnels those two hosts to the fake, whose certificate for them is
 * issued by the fake's CA, trusted as the channel's `proxy_ca` (as for a TLS-inspecting corporate proxy). The
 * SDK's message validation, its OAuth token exchange and its HTTP client all run for real.
 */

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

const ourApps = () => getApps().filter((app) => app.name.startsWith('switchboard-fcm:'));

let fcm: FcmFake;
let proxy: ConnectProxy;
const deviceToken = () => `c${randomBytes(8).toString('hex')}:APA91b${randomBytes(60).toString('base64url')}`;
const config = (extra: Json = {}) => ({
  service_account: fcm.serviceAccount,
  proxy_url: proxy.url,
  proxy_ca: fcm.ca,
  ...extra,
});

beforeAll(async () => {
  fcm = await startFcmFake();
  proxy = await startConnectProxy(fcm.routes);
});
afterAll(async () => {
  await proxy?.close();
  await fcm?.close();
});
beforeEach(() => {
  fcm.requests.length = 0;
  fcm.accepted.length = 0;
  fcm.behave({ kind: 'ok' });
  fcm.refuseAssertions(false);
  proxy.connects.length = 0;
  proxy.requireCredentials(undefined);
  proxy.refuse(undefined);
});

describe('fcm', () => {
  it('exchanges a signed service-account assertion for a token and sends notification, data and sections', async () => {
    fcm.revokeTokens();
    await fcmProvider.close!(); // a fresh app: its first call exchanges an assertion
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
    expect(exchange).toMatchObject({
      endpoint: 'token',
      method: 'POST',
      host: 'oauth2.googleapis.com',
      path: '/token',
    });
    expect(exchange!.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
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
      host: 'fcm.googleapis.com',
      path: `/v1/projects/${fcm.projectId}/messages:send`,
    });
    expect(post!.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
    expect(post!.headers['content-type']).toBe('application/json;charset=utf-8');
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
    expect(result.request).toMatchObject({
      target: 'token',
      to: token,
      url: `https://fcm.googleapis.com/v1/projects/${fcm.projectId}/messages:send`,
      proxy: proxy.url,
    });
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
    expect(error.details.responseCode).toBe(400);
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
    fcm.requests.length = 0;
    await expectTimeout(send(fcmProvider, config(), message({ to: deviceToken() }), 300), Date.now());
    // The SDK's request was cut off with the budget (its own timeout is 15 s), and nothing it might retry
    // reaches FCM afterwards.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sends = fcm.requests.filter((r) => r.endpoint === 'send');
    expect(sends).toHaveLength(1);
    expect(sends[0]!.abandoned).toBe(true);
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

  it('a message the SDK refuses is never sent; REST durations are given to it in milliseconds', async () => {
    const refused = await failure(
      send(fcmProvider, config({ android: { ttl: 'a week' } }), message({ to: deviceToken() })),
    );
    expect(refused.kind).toBe('permanent');
    expect(refused.message).toBe(
      'FCM message refused before sending: TTL must be a non-negative duration in milliseconds',
    );
    expect(fcm.requests.filter((r) => r.endpoint === 'send')).toEqual([]);

    await send(fcmProvider, config({ android: { ttl: '3.5s' } }), message({ to: 'topic:orders' }));
    expect(fcm.accepted.at(-1)!.message.android).toEqual({ ttl: '3.500000000s' });
  });

  it('refuses a key file that is not a service account, and masks the key and the proxy password', async () => {
    expect(fcmProvider.secretFields).toEqual(['service_account', 'proxy_password']);
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

  it('keeps one app per channel, replaced when the channel config changes and deleted on close', async () => {
    await fcmProvider.close!();
    const channelId = randomUUID();
    const through = (extra: Json) =>
      fcmProvider.send(fcmProvider.configSchema.parse(config(extra)), message({ to: 'topic:orders' }), {
        ...sendContext(),
        channelId,
      });
    const apps = () => ourApps().filter((app) => app.name.includes(channelId));

    await through({ webpush: { headers: { Urgency: 'high' } } });
    await through({ webpush: { headers: { Urgency: 'high' } } });
    expect(fcm.requests.map((r) => r.endpoint)).toEqual(['token', 'send', 'send']);
    expect(apps()).toHaveLength(1);
    const first = apps()[0]!.name;

    await through({ webpush: { headers: { Urgency: 'low' } } });
    expect(fcm.requests.map((r) => r.endpoint)).toEqual(['token', 'send', 'send', 'token', 'send']);
    expect(apps()).toHaveLength(1);
    expect(apps()[0]!.name).not.toBe(first);

    await fcmProvider.close!();
    expect(ourApps()).toEqual([]);
  });
});

describe('fcm proxy', () => {
  it('tunnels the token exchange and the send through the proxy, with its Basic credentials', async () => {
    const password = randomBytes(12).toString('base64url');
    proxy.requireCredentials({ username: 'egress', password });
    const credentials = { proxy_username: 'egress', proxy_password: password };
    await send(fcmProvider, config(credentials), message({ to: deviceToken() }));
    const basic = `Basic ${Buffer.from(`egress:${password}`).toString('base64')}`;
    expect(proxy.connects).toEqual([
      { target: 'oauth2.googleapis.com:443', authorization: basic, status: 200 },
      { target: 'fcm.googleapis.com:443', authorization: basic, status: 200 },
    ]);

    const wrong = await failure(
      send(fcmProvider, config({ ...credentials, proxy_password: 'wrong' }), message({ to: deviceToken() })),
    );
    expect(wrong.kind).toBe('permanent');
    expect(wrong.message).toBe(
      `proxy ${proxy.url} refused a tunnel to oauth2.googleapis.com: HTTP 407 Proxy Authentication Required`,
    );
    expect(wrong.details.responseCode).toBe(407);
    expect(JSON.stringify(wrong)).not.toContain(password);
  });

  it('a proxy that cannot reach Google is retried; its 403 is not', async () => {
    await fcmProvider.close!();
    proxy.refuse(502);
    const unreachable = await failure(send(fcmProvider, config(), message({ to: deviceToken() })));
    expect(unreachable.kind).toBe('retryable');
    expect(unreachable.message).toMatch(/refused a tunnel to oauth2\.googleapis\.com: HTTP 502 Bad Gateway$/);

    proxy.refuse(403);
    const forbidden = await check(fcmProvider, config());
    expect(forbidden).toEqual({
      ok: false,
      detail: `proxy ${proxy.url} refused a tunnel to oauth2.googleapis.com: HTTP 403 Forbidden`,
    });
    expect(fcm.requests).toEqual([]);
  });

  it('trusts the proxy CA only when given: without it the certificate for Google is refused for good', async () => {
    const { proxy_ca: _, ...untrusting } = config();
    const error = await failure(send(fcmProvider, untrusting, message({ to: deviceToken() })));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/^TLS with oauth2\.googleapis\.com failed: .*certificate/);
    expect(fcm.requests).toEqual([]);
  });

  it('is an outbound endpoint like any other: a private address needs OUTBOUND_ALLOWLIST', async () => {
    const error = await failure(
      send(fcmProvider, config({ proxy_url: 'http://10.0.0.1:3128' }), message({ to: deviceToken() })),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(
      /^refused to connect to 10\.0\.0\.1 \(private address\); add it to OUTBOUND_ALLOWLIST/,
    );
  });

  it('accepts only a proxy origin without credentials in it, and proxy settings only with a proxy', () => {
    const problems = (extra: Json) => {
      const parsed = fcmProvider.configSchema.safeParse({ service_account: fcm.serviceAccount, ...extra });
      return parsed.success
        ? []
        : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(problems({ proxy_url: 'http://egress:secret@proxy.example:3128' })).toEqual([
      'proxy_url: must not hold credentials: use Proxy username and Proxy password',
    ]);
    expect(problems({ proxy_url: 'http://proxy.example:3128/fcm' })).toEqual([
      'proxy_url: must be the proxy origin only (scheme, host and port)',
    ]);
    expect(problems({ proxy_url: 'socks5://proxy.example:1080' })).toEqual([
      'proxy_url: must be an http:// or https:// URL',
    ]);
    expect(problems({ proxy_username: 'egress' })).toEqual([
      'proxy_url: is required when proxy credentials or a proxy CA are set',
    ]);
    expect(problems({ proxy_url: 'http://proxy.example:3128', proxy_password: 'x' })).toEqual([
      'proxy_username: is required when a proxy password is set',
    ]);
    expect(problems({ proxy_url: 'https://proxy.example:3128' })).toEqual([]);
  });
});

describe('fcm without a proxy', () => {
  it('connects to Google’s hosts itself, each connection behind the SSRF guard', async () => {
    // The guard's resolver (never the connection) is pointed elsewhere: Google's names resolve to a private address.
    setOutboundResolver(async () => [{ address: '10.20.30.40', family: 4 }]);
    try {
      const error = await failure(
        send(fcmProvider, { service_account: fcm.serviceAccount }, message({ to: deviceToken() })),
      );
      expect(error.kind).toBe('permanent');
      expect(error.message).toBe(
        'refused to connect to oauth2.googleapis.com (resolves to 10.20.30.40, a private address); add it to OUTBOUND_ALLOWLIST to allow',
      );
    } finally {
      setOutboundResolver(undefined);
    }
    expect(fcm.requests).toEqual([]);
  });
});

describe('the FCM config migration', () => {
  it('drops the API base URL and token URL that FCM configs were saved with, and nothing else', async () => {
    const server = inject('serverUrl');
    const name = randomDatabaseName('sb_fcm_config');
    const url = await createDatabase(server, name);
    // The migrations folder as it was before: the journal cut off before the FCM migration.
    const folder = mkdtempSync(path.join(tmpdir(), 'sb-migrations-'));
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const cut = journal.entries.findIndex((entry) => entry.tag === '0011_fcm_admin_sdk_config');
    expect(cut).toBeGreaterThan(0);
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
      const saved = {
        service_account: 'sb1:sealed',
        base_url: 'https://fcm.googleapis.com',
        token_url: 'https://oauth2.googleapis.com/token',
        android: { priority: 'high' },
        timeout_seconds: 10,
      };
      const other = { api_key: 'sb1:sealed', base_url: 'https://api.sendgrid.com' };
      await client.query(
        `INSERT INTO channels (name, type, provider, config)
         VALUES ('Android', 'push', 'fcm', $1), ('Mail', 'email', 'sendgrid', $2)`,
        [JSON.stringify(saved), JSON.stringify(other)],
      );

      await migrateDatabase(url);

      const { rows } = await client.query('SELECT provider, config FROM channels ORDER BY name');
      const { base_url: _, token_url: __, ...kept } = saved;
      expect(rows).toEqual([
        { provider: 'fcm', config: kept },
        { provider: 'sendgrid', config: other },
      ]);
      expect(
        fcmProvider.configSchema.safeParse({ ...kept, service_account: fcm.serviceAccount }).success,
      ).toBe(true);
    } finally {
      await client.end();
      rmSync(folder, { recursive: true, force: true });
      await dropDatabase(server, name);
    }
  });
});
