import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import webpush from 'web-push';
import * as testRoute from '../../app/api/v1/channels/[id]/test/route';
import * as collection from '../../app/api/v1/channels/route';
import { sendNotice } from '../../lib/alerts/notify';
import { apnsProvider } from '../../lib/channels/providers/apns';
import { discordProvider } from '../../lib/channels/providers/discord';
import { fcmProvider } from '../../lib/channels/providers/fcm';
import { mailgunProvider } from '../../lib/channels/providers/mailgun';
import { sendgridProvider } from '../../lib/channels/providers/sendgrid';
import { sesProvider } from '../../lib/channels/providers/ses';
import { httpsGet } from '../../lib/channels/providers/ses/sns-certificate';
import { slackProvider } from '../../lib/channels/providers/slack';
import { smtpProvider } from '../../lib/channels/providers/smtp';
import { snsProvider } from '../../lib/channels/providers/sns';
import { teamsProvider } from '../../lib/channels/providers/teams';
import { twilioProvider } from '../../lib/channels/providers/twilio';
import { vonageProvider } from '../../lib/channels/providers/vonage';
import { webhookProvider } from '../../lib/channels/providers/webhook';
import { webpushProvider } from '../../lib/channels/providers/webpush';
import {
  type ChannelProvider,
  type CheckResult,
  DeliveryError,
  type OutgoingMessage,
} from '../../lib/channels/types';
import { db } from '../../lib/db';
import { defaultAllowList, refusalReason, setOutboundResolver } from '../../lib/outbound/ssrf';
import { fetchItems } from '../../lib/triggers/runtime/poll-fetch';
import { pollTriggerConfigSchema } from '../../lib/triggers/types/poll';
import { generateSubscriptionKeys } from '../fakes/webpush';
import { call, makeApiKey, uniq } from '../support/factories';
import { type DnsServer, startDnsServer } from './support-ssrf/dns-server';
import { type Canary, type Redirector, startCanary, startRedirector } from './support-ssrf/servers';

/*
 * The SSRF guard on every outbound path. Only 127.0.0.2 is allow-listed: it stands for "a public host" (the
 * redirectors, over http and over https/HTTP/2, and the first answer of the rebinding names). The private target,
 * the canary, listens on 127.0.0.1 and [::1], which every loopback spelling below reaches; it counts TCP
 * connections and must see none. Names under .ssrf.test are answered by a real DNS server on a local UDP port
 * (the guard's resolver is pointed at it; the connection itself is never stubbed).
 * `SSRF_MATRIX=1` prints the whole path × target matrix with each outcome.
 */

vi.hoisted(() => {
  process.env.OUTBOUND_ALLOWLIST = '127.0.0.2/32';
});

// biome-ignore lint/suspicious/noExplicitAny: configs and answers are plain JSON
type Json = Record<string, any>;

let canary: Canary;
let redirector: Redirector;
/** The same over HTTPS and HTTP/2, for the paths that only take https endpoints. */
let tlsRedirector: Redirector;
let dnsServer: DnsServer;
let adminKey: string;

const ALLOWED = '127.0.0.2';
let rebindCount = 0;

beforeAll(async () => {
  canary = await startCanary();
  redirector = await startRedirector();
  tlsRedirector = await startRedirector({ tls: true });
  dnsServer = await startDnsServer((name, index) => {
    if (name === 'canary.ssrf.test') return ['127.0.0.1'];
    if (name === 'metadata.ssrf.test') return ['169.254.169.254'];
    if (name === 'mixed.ssrf.test') return [ALLOWED, '10.0.0.7'];
    // DNS rebinding: public (allowed) at the first lookup, private from the second on.
    if (name.startsWith('rebind-')) return index === 0 ? [ALLOWED] : ['127.0.0.1'];
    return undefined;
  });
  const resolver = new dns.promises.Resolver({ timeout: 1_000, tries: 1 });
  resolver.setServers([`127.0.0.1:${dnsServer.port}`]);
  setOutboundResolver(async (hostname, options) =>
    hostname.endsWith('.ssrf.test')
      ? (await resolver.resolve4(hostname)).map((address) => ({ address, family: 4 }))
      : dns.promises.lookup(hostname, { ...options, all: true }),
  );
  adminKey = (await makeApiKey('admin')).key;
});

afterAll(async () => {
  setOutboundResolver(undefined);
  await Promise.all([canary?.close(), redirector?.close(), tlsRedirector?.close(), dnsServer?.close()]);
});

// ---------------------------------------------------------------------------------------------------------
// Credentials that pass the config schemas (nothing ever gets far enough to use them).

const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const p8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const vapid = webpush.generateVAPIDKeys();
const subscriptionKeys = generateSubscriptionKeys();
const aws = {
  region: 'eu-west-1',
  access_key_id: 'AKIAFAKE0000000TEST',
  secret_access_key: 'fake/secret/0123456789',
};
const serviceAccount = JSON.stringify({
  type: 'service_account',
  project_id: 'ssrf-test',
  private_key: rsaKey,
  client_email: 'sender@ssrf-test.iam.gserviceaccount.com',
});
const graphTarget = {
  mode: 'graph',
  tenant_id: 'contoso.example',
  client_id: randomUUID(),
  client_secret: 'secret',
  team_id: randomUUID(),
  channel_id: '19:abc@thread.tacv2',
};

function message(to = ''): OutgoingMessage {
  const id = randomUUID();
  return { id, idempotencyKey: id, to, subject: 'ssrf', body: '{"hello":"world"}' };
}

const ctx = () => ({ signal: AbortSignal.timeout(8_000), timeoutMs: 8_000 });

function send(provider: ChannelProvider, config: Json, to = ''): Promise<unknown> {
  return provider.send(provider.configSchema.parse(config) as Json, message(to), ctx());
}

function check(provider: ChannelProvider, config: Json): Promise<CheckResult> {
  return provider.check(provider.configSchema.parse(config) as Json, ctx());
}

// ---------------------------------------------------------------------------------------------------------
// Every outbound path: how it is driven with a URL (base URL / endpoint / host) that the test chooses.

type Scheme = 'http' | 'https' | 'smtp';

interface OutboundPath {
  name: string;
  /** What the configurable part must look like: any http(s) URL, https only, or an SMTP host and port. */
  scheme: Scheme;
  /** Opens a TCP/TLS connection and sends no request (health checks): there is no redirect to follow. */
  connectOnly?: boolean;
  run(url: string): Promise<unknown>;
}

const email = 'user@example.test';
const phone = '+14155552671';
const fromEmail = 'noreply@example.test';
const twilio = { account_sid: `AC${'0'.repeat(32)}`, auth_token: 'token', from: '+15005550006' };
const vonage = { api_key: 'abcd1234', api_secret: 'secret', from: 'Switchboard' };

const paths: OutboundPath[] = [
  {
    name: 'webhook send',
    scheme: 'http',
    run: (url) => send(webhookProvider, { url: `${url}/hook` }),
  },
  {
    name: 'webhook check',
    scheme: 'http',
    connectOnly: true,
    run: (url) => check(webhookProvider, { url: `${url}/hook` }),
  },
  {
    name: 'webhook via POST /channels/:id/test',
    scheme: 'http',
    run: (url) => viaTestRoute({ url: `${url}/hook` }),
  },
  {
    name: 'alert notification (webhook channel)',
    scheme: 'http',
    run: (url) => viaAlertNotice({ url: `${url}/hook` }),
  },
  {
    name: 'poll trigger GET',
    scheme: 'http',
    run: (url) =>
      fetchItems(
        pollTriggerConfigSchema.parse({ url: `${url}/items`, event_type: 'polled', id_path: 'id' }),
        AbortSignal.timeout(8_000),
      ),
  },
  {
    name: 'smtp send',
    scheme: 'smtp',
    run: (url) =>
      send(smtpProvider, { ...smtpHost(url), secure: 'none', from: fromEmail, timeout_seconds: 1 }, email),
  },
  {
    name: 'smtp check',
    scheme: 'smtp',
    run: (url) =>
      check(smtpProvider, { ...smtpHost(url), secure: 'none', from: fromEmail, timeout_seconds: 1 }),
  },
  {
    name: 'sendgrid send (base_url)',
    scheme: 'http',
    run: (url) => send(sendgridProvider, { api_key: 'SG.abc.def', from: fromEmail, base_url: url }, email),
  },
  {
    name: 'sendgrid check',
    scheme: 'http',
    run: (url) => check(sendgridProvider, { api_key: 'SG.abc.def', from: fromEmail, base_url: url }),
  },
  {
    name: 'mailgun send (base_url)',
    scheme: 'http',
    run: (url) =>
      send(
        mailgunProvider,
        { api_key: 'key-12345678', domain: 'mg.example.test', from: fromEmail, base_url: url },
        email,
      ),
  },
  {
    name: 'mailgun check',
    scheme: 'http',
    run: (url) =>
      check(mailgunProvider, {
        api_key: 'key-12345678',
        domain: 'mg.example.test',
        from: fromEmail,
        base_url: url,
      }),
  },
  {
    name: 'ses send (endpoint)',
    scheme: 'http',
    run: (url) => send(sesProvider, { ...aws, from: fromEmail, endpoint: url }, email),
  },
  {
    name: 'ses check',
    scheme: 'http',
    run: (url) => check(sesProvider, { ...aws, from: fromEmail, endpoint: url }),
  },
  {
    name: 'ses SNS signing certificate',
    scheme: 'https',
    run: (url) => httpsGet(`${url}/SimpleNotificationService.pem`, tlsRedirector.ca),
  },
  {
    name: 'sns send (endpoint)',
    scheme: 'http',
    run: (url) => send(snsProvider, { ...aws, endpoint: url }, phone),
  },
  { name: 'sns check', scheme: 'http', run: (url) => check(snsProvider, { ...aws, endpoint: url }) },
  {
    name: 'twilio send (base_url)',
    scheme: 'http',
    run: (url) => send(twilioProvider, { ...twilio, base_url: url }, phone),
  },
  { name: 'twilio check', scheme: 'http', run: (url) => check(twilioProvider, { ...twilio, base_url: url }) },
  {
    name: 'vonage send (rest_host)',
    scheme: 'http',
    run: (url) => send(vonageProvider, { ...vonage, rest_host: url }, phone),
  },
  {
    name: 'vonage check',
    scheme: 'http',
    run: (url) => check(vonageProvider, { ...vonage, rest_host: url }),
  },
  // A proxy is only asked to CONNECT, never for a resource: there is no redirect to follow.
  {
    name: 'fcm send (proxy_url)',
    scheme: 'http',
    connectOnly: true,
    run: (url) => send(fcmProvider, { service_account: serviceAccount, proxy_url: url }, 'device-token'),
  },
  {
    name: 'fcm check (proxy_url)',
    scheme: 'http',
    connectOnly: true,
    run: (url) => check(fcmProvider, { service_account: serviceAccount, proxy_url: url }),
  },
  {
    name: 'apns send (endpoint)',
    scheme: 'https',
    run: (url) =>
      send(
        apnsProvider,
        {
          auth: { type: 'token', key: p8, key_id: 'KEY1234567', team_id: 'TEAM123456' },
          bundle_id: 'com.example.app',
          endpoint: url,
          ca: tlsRedirector.ca,
        },
        randomBytes(32).toString('hex'),
      ),
  },
  {
    name: 'webpush send (subscription endpoint)',
    scheme: 'https',
    run: (url) =>
      send(
        webpushProvider,
        {
          vapid_public_key: vapid.publicKey,
          vapid_private_key: vapid.privateKey,
          vapid_subject: 'mailto:ops@example.test',
          ca: tlsRedirector.ca,
        },
        JSON.stringify({
          endpoint: `${url}/push/abc`,
          keys: { p256dh: subscriptionKeys.p256dh, auth: subscriptionKeys.auth },
        }),
      ),
  },
  {
    name: 'slack send (api_base_url)',
    scheme: 'http',
    run: (url) =>
      send(slackProvider, { bot_token: 'xoxb-0000-test', channel: 'C0123', api_base_url: `${url}/api/` }),
  },
  {
    name: 'slack check',
    scheme: 'http',
    run: (url) =>
      check(slackProvider, { bot_token: 'xoxb-0000-test', channel: 'C0123', api_base_url: `${url}/api/` }),
  },
  {
    name: 'discord send (api_base_url)',
    scheme: 'http',
    run: (url) =>
      send(discordProvider, {
        bot_token: 'MTEw.abc.def',
        channel_id: '123456789012345678',
        api_base_url: `${url}/api`,
      }),
  },
  {
    name: 'discord check',
    scheme: 'http',
    run: (url) =>
      check(discordProvider, {
        bot_token: 'MTEw.abc.def',
        channel_id: '123456789012345678',
        api_base_url: `${url}/api`,
      }),
  },
  {
    name: 'teams send (webhook_url)',
    scheme: 'http',
    run: (url) => send(teamsProvider, { target: { mode: 'webhook', webhook_url: `${url}/workflows/hook` } }),
  },
  {
    name: 'teams check (webhook_url)',
    scheme: 'http',
    connectOnly: true,
    run: (url) => check(teamsProvider, { target: { mode: 'webhook', webhook_url: `${url}/workflows/hook` } }),
  },
  {
    name: 'teams send (graph_base_url)',
    scheme: 'http',
    run: (url) =>
      send(teamsProvider, {
        target: { ...graphTarget, graph_base_url: url, token_url: `${redirector.url}/token` },
      }),
  },
  {
    name: 'teams send (OAuth token_url)',
    scheme: 'http',
    run: (url) =>
      send(teamsProvider, {
        target: { ...graphTarget, graph_base_url: redirector.url, token_url: `${url}/token` },
      }),
  },
];

function smtpHost(url: string): { host: string; port: number } {
  const parsed = new URL(url.replace(/^smtp:/, 'http:'));
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 25) };
}

async function createWebhookChannel(config: Json): Promise<string> {
  const created = await call(collection.POST, {
    method: 'POST',
    key: adminKey,
    body: { name: `ssrf-${uniq()}`, provider: 'webhook', config },
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as Json).id;
}

/** Creates a webhook channel through the API and sends a test message through POST /channels/:id/test. */
async function viaTestRoute(config: Json): Promise<unknown> {
  const id = await createWebhookChannel(config);
  const tested = await call(testRoute.POST, { method: 'POST', key: adminKey, params: { id }, body: {} });
  expect(tested.status).toBe(200);
  return tested.json();
}

/** An alert notification through a webhook channel, as the alert evaluator sends it. */
async function viaAlertNotice(config: Json): Promise<unknown> {
  const id = await createWebhookChannel(config);
  const notice = {
    rule: { id: randomUUID(), name: 'ssrf', kind: 'dead_letters' },
    status: 'firing',
    reminder: false,
    evaluation: { firing: true, value: 1, threshold: 0, summary: '1 dead letter', channelIds: [] },
    link: null,
    at: new Date(),
  } as unknown as Parameters<typeof sendNotice>[1];
  const [sent] = await sendNotice(db(), notice, [id], null);
  return sent?.status === 'sent' ? { ok: true } : { ok: false, detail: sent?.detail };
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes

interface Outcome {
  /** The failure's message (or the check's detail); undefined when the call succeeded. */
  message?: string;
  /** For delivery failures: permanent or retryable; undefined for checks. */
  kind?: 'permanent' | 'retryable';
}

async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  try {
    const value = (await promise) as Json | undefined;
    // A check, or the test route's answer: a failure is an answer, not an exception.
    if (value && value.ok === false) {
      return {
        message: value.detail ?? value.error,
        ...(typeof value.retryable === 'boolean'
          ? { kind: value.retryable ? 'retryable' : 'permanent' }
          : {}),
      };
    }
    return {};
  } catch (error) {
    if (error instanceof DeliveryError) return { message: error.message, kind: error.kind };
    return { message: (error as Error).message };
  }
}

interface Target {
  name: string;
  /** The host part of the URL (with the canary's port where something could listen). */
  host: (port: number) => string;
  /** What the refusal must say. */
  refusal: RegExp;
}

const targets: Target[] = [
  {
    name: '127.0.0.1',
    host: (p) => `127.0.0.1:${p}`,
    refusal: /refused to connect to 127\.0\.0\.1 \(loopback address\)/,
  },
  {
    name: 'localhost',
    host: (p) => `localhost:${p}`,
    refusal: /refused to connect to localhost \(resolves to (127\.0\.0\.1|::1), a loopback address\)/,
  },
  {
    name: '10.0.0.1',
    host: () => '10.0.0.1:8080',
    refusal: /refused to connect to 10\.0\.0\.1 \(private address\)/,
  },
  {
    name: '192.168.1.1',
    host: () => '192.168.1.1:8080',
    refusal: /refused to connect to 192\.168\.1\.1 \(private address\)/,
  },
  {
    name: '172.16.0.1',
    host: () => '172.16.0.1:8080',
    refusal: /refused to connect to 172\.16\.0\.1 \(private address\)/,
  },
  {
    name: '169.254.169.254 (metadata)',
    host: () => '169.254.169.254',
    refusal: /refused to connect to 169\.254\.169\.254 \(link-local address\)/,
  },
  { name: '[::1]', host: (p) => `[::1]:${p}`, refusal: /refused to connect to ::1 \(loopback address\)/ },
  {
    name: '[::ffff:127.0.0.1]',
    host: (p) => `[::ffff:127.0.0.1]:${p}`,
    refusal: /refused to connect to (::ffff:7f00:1|::ffff:127\.0\.0\.1) \(loopback address\)/,
  },
  {
    name: '[::ffff:7f00:1]',
    host: (p) => `[::ffff:7f00:1]:${p}`,
    refusal: /refused to connect to (::ffff:7f00:1|::ffff:127\.0\.0\.1) \(loopback address\)/,
  },
  {
    name: '[::127.0.0.1] (IPv4-compatible)',
    host: (p) => `[::127.0.0.1]:${p}`,
    refusal: /refused to connect to (::7f00:1|::127\.0\.0\.1) \(IPv4-compatible IPv6 address\)/,
  },
  {
    name: '[64:ff9b::7f00:1] (NAT64)',
    host: (p) => `[64:ff9b::7f00:1]:${p}`,
    refusal: /refused to connect to 64:ff9b::7f00:1 \(special-purpose address \(rfc6052\)\)/,
  },
  {
    name: '2130706433 (127.0.0.1 as one number)',
    host: (p) => `2130706433:${p}`,
    refusal: /refused to connect to 127\.0\.0\.1 \(loopback address\)/,
  },
  {
    name: '0.0.0.0',
    host: (p) => `0.0.0.0:${p}`,
    refusal: /refused to connect to 0\.0\.0\.0 \(unspecified address\)/,
  },
  {
    name: 'name → 127.0.0.1',
    host: (p) => `canary.ssrf.test:${p}`,
    refusal: /refused to connect to canary\.ssrf\.test \(resolves to 127\.0\.0\.1, a loopback address\)/,
  },
  {
    name: 'name → 169.254.169.254',
    host: () => 'metadata.ssrf.test',
    refusal:
      /refused to connect to metadata\.ssrf\.test \(resolves to 169\.254\.169\.254, a link-local address\)/,
  },
  {
    name: 'name → public + private',
    host: (p) => `mixed.ssrf.test:${p}`,
    refusal: /refused to connect to mixed\.ssrf\.test \(resolves to 10\.0\.0\.7, a private address\)/,
  },
];

/** Where a hostile (but allowed) host redirects to; the loopback ones would reach the canary. */
const redirectTargets = targets.filter((target) =>
  ['127.0.0.1', '[::ffff:7f00:1]', '169.254.169.254 (metadata)', 'name → 127.0.0.1', '0.0.0.0'].includes(
    target.name,
  ),
);

function urlFor(path: OutboundPath, host: string): string {
  return `${path.scheme === 'smtp' ? 'smtp' : path.scheme}://${host}`;
}

const matrix: string[] = [];
const label = (result: Outcome) =>
  result.message === undefined ? 'succeeded' : `${result.kind ?? 'failed'} | ${result.message}`;
afterAll(() => {
  if (process.env.SSRF_MATRIX) process.stdout.write(`\n${matrix.join('\n')}\n`);
});

describe('the test setup', () => {
  it('allows only 127.0.0.2: the loopback spellings of the canary are all refused', () => {
    const list = defaultAllowList();
    expect(refusalReason('127.0.0.2', list)).toBeNull();
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '0.0.0.0']) {
      expect(refusalReason(address, list)).not.toBeNull();
    }
  });

  it('the canary and the DNS server answer', async () => {
    const res = await fetch(`http://127.0.0.1:${canary.port}/`);
    expect(await res.text()).toBe('private data');
    expect(canary.connections).toHaveLength(1);
    canary.connections.length = 0;
    const resolver = new dns.promises.Resolver();
    resolver.setServers([`127.0.0.1:${dnsServer.port}`]);
    expect(await resolver.resolve4('canary.ssrf.test')).toEqual(['127.0.0.1']);
    await expect(resolver.resolve4('nothing.ssrf.test')).rejects.toThrow(/ENOTFOUND/);
  });
});

describe.each(paths)('$name', (path) => {
  it.each(targets)('refuses $name, and the private target sees nothing', async (target) => {
    const before = canary.connections.length;
    const result = await outcome(path.run(urlFor(path, target.host(canary.port))));
    matrix.push(`${path.name} | ${target.name} | ${label(result)}`);
    expect(result.message).toMatch(target.refusal);
    expect(result.message).toContain('OUTBOUND_ALLOWLIST');
    if (result.kind !== undefined) expect(result.kind).toBe('permanent');
    expect(canary.connections.slice(before)).toEqual([]);
  });

  // Where a request is sent (SMTP has no redirects; health checks that only connect send no request to redirect).
  const redirectCases = path.scheme !== 'smtp' && !path.connectOnly ? redirectTargets : [];
  it.each(redirectCases)(
    'a redirect from an allowed host to $name is refused or not followed, never reaching it',
    async (target) => {
      const before = canary.connections.length;
      const server = path.scheme === 'https' ? tlsRedirector : redirector;
      const requests = server.requests.length;
      const location = `http://${target.host(canary.port)}/stolen`;
      // https endpoints may have fixed paths (APNs takes a bare origin): that server redirects every request.
      if (path.scheme === 'https') tlsRedirector.redirectEverything(location);
      let result: Outcome;
      try {
        result = await outcome(
          path.run(path.scheme === 'https' ? tlsRedirector.url : redirector.redirectTo(location)),
        );
      } finally {
        tlsRedirector.redirectEverything(undefined);
      }
      matrix.push(`${path.name} | redirect → ${target.name} | ${label(result)}`);
      // The allowed host was asked (so the redirect was really served) ...
      expect(server.requests.length).toBeGreaterThan(requests);
      // ... the call failed ...
      expect(result.message).toBeDefined();
      // ... and if the client followed the redirect, the hop was refused by the guard.
      if (/refused to connect/.test(result.message ?? '')) {
        expect(result.message).toMatch(target.refusal);
        if (result.kind !== undefined) expect(result.kind).toBe('permanent');
      }
      expect(canary.connections.slice(before)).toEqual([]);
    },
  );

  it('DNS rebinding: a name that is public at the first lookup and private at the next never reaches the private address', async () => {
    const name = `rebind-${++rebindCount}.ssrf.test`;
    const before = canary.connections.length;
    const server = path.scheme === 'https' ? tlsRedirector : redirector;
    const redirectorBefore = server.connections.length;
    const result = await outcome(path.run(urlFor(path, `${name}:${server.port}`)));
    matrix.push(`${path.name} | rebinding | ${label(result)}`);
    expect(canary.connections.slice(before)).toEqual([]);
    const lookups = dnsServer.queries.filter((query) => query === name).length;
    expect(lookups).toBeGreaterThan(0);
    if (/refused to connect/.test(result.message ?? '')) {
      // Resolved again after a check: the guard judged the address actually being connected to.
      expect(result.message).toMatch(
        new RegExp(
          `refused to connect to ${name.replace(/\./g, '\\.')} \\(resolves to 127\\.0\\.0\\.1, a loopback address\\)`,
        ),
      );
      expect(lookups).toBeGreaterThan(1);
      if (result.kind !== undefined) expect(result.kind).toBe('permanent');
    } else {
      // Resolved once, by the guard: the connection went to that (allowed) answer.
      expect(lookups).toBe(1);
      expect(server.connections.length).toBeGreaterThan(redirectorBefore);
    }
    // A client that resolved the name by itself would have asked the system resolver, which knows no .ssrf.test.
    expect(result.message ?? '').not.toMatch(/ENOTFOUND|EAI_AGAIN|getaddrinfo/);
  });
});
