import { randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as test from '../app/api/v1/channels/[id]/test/route';
import * as collection from '../app/api/v1/channels/route';
import { smtpProvider } from '../lib/channels/providers/smtp';
import { smtpConfigSchema } from '../lib/channels/providers/smtp/config';
import { webhookProvider } from '../lib/channels/providers/webhook';
import { webhookConfigSchema } from '../lib/channels/providers/webhook/config';
import type { DeliveryError, OutgoingMessage, SendContext } from '../lib/channels/types';
import { parseEnv } from '../lib/env';
import { OutboundRefusedError, parseAllowList, refusalReason } from '../lib/outbound/ssrf';
import { call, makeApiKey, uniq } from './support/factories';
import { type HttpSink, startHttpSink } from './support/http-sink';

vi.hoisted(() => {
  process.env.OUTBOUND_ALLOWLIST = '127.0.0.1/32';
});

// biome-ignore lint/suspicious/noExplicitAny: assertions walk response JSON whose shape the test checks
type Json = Record<string, any>;

let key: string;
let sink: HttpSink;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  sink = await startHttpSink();
});
afterAll(() => sink.close());

const none = parseAllowList([]);
const sinkOnly = parseAllowList(['127.0.0.1/32']);

function message(): OutgoingMessage {
  const id = randomUUID();
  return { id, idempotencyKey: id, to: '', body: '{"hello":"world"}' };
}

const ctx = (allowList = none): SendContext => ({
  signal: AbortSignal.timeout(5_000),
  timeoutMs: 5_000,
  allowList,
});

/** Records every client socket the process opens and whether it connected, without touching the network. */
function watchSockets() {
  const opened: net.Socket[] = [];
  const connected: string[] = [];
  const onSocket = (event: unknown) => {
    const { socket } = event as { socket: net.Socket };
    opened.push(socket);
    socket.once('connect', () => connected.push(`${socket.remoteAddress}`));
  };
  diagnostics.subscribe('net.client.socket', onSocket);
  return { opened, connected, stop: () => diagnostics.unsubscribe('net.client.socket', onSocket) };
}

async function refusal(promise: Promise<unknown>): Promise<OutboundRefusedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundRefusedError);
  expect((error as DeliveryError).kind).toBe('permanent');
  return error as OutboundRefusedError;
}

describe('address policy', () => {
  it.each([
    ['10.0.0.1', 'private address'],
    ['172.16.5.4', 'private address'],
    ['192.168.1.1', 'private address'],
    ['127.0.0.1', 'loopback address'],
    ['127.255.0.9', 'loopback address'],
    ['::1', 'loopback address'],
    ['169.254.169.254', 'link-local address'],
    ['fe80::1', 'link-local address'],
    ['fc00::1', 'unique-local (private) address'],
    ['fd12:3456::1', 'unique-local (private) address'],
    ['0.0.0.0', 'unspecified address'],
    ['::', 'unspecified address'],
    ['100.64.0.1', 'carrier-grade NAT address'],
    ['224.0.0.1', 'multicast address'],
    ['ff02::1', 'multicast address'],
    ['::ffff:127.0.0.1', 'loopback address'],
    ['::ffff:10.0.0.1', 'private address'],
    ['::ffff:a9fe:a9fe', 'link-local address'],
    ['::127.0.0.1', 'loopback address'],
    ['::7f00:1', 'IPv4-compatible IPv6 address'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(refusalReason(address, none)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(refusalReason(address, none)).toBeNull();
  });

  it('lets the allow-list open CIDRs and single addresses', () => {
    const list = parseAllowList(['10.0.0.0/8', '::1', 'mail.internal']);
    expect(refusalReason('10.1.2.3', list)).toBeNull();
    expect(refusalReason('::ffff:10.1.2.3', list)).toBeNull();
    expect(refusalReason('::1', list)).toBeNull();
    expect(refusalReason('192.168.0.1', list)).toBe('private address');
    expect(list.hosts.has('mail.internal')).toBe(true);
  });

  it('parses OUTBOUND_ALLOWLIST from the environment and names a bad entry', () => {
    expect(parseEnv({ OUTBOUND_ALLOWLIST: ' 10.0.0.0/8, ::1 ,smtp.internal' }).OUTBOUND_ALLOWLIST).toEqual([
      '10.0.0.0/8',
      '::1',
      'smtp.internal',
    ]);
    expect(parseEnv({}).OUTBOUND_ALLOWLIST).toBeUndefined();
    expect(() => parseEnv({ OUTBOUND_ALLOWLIST: '10.0.0.0/8,not a host!' })).toThrow(
      /OUTBOUND_ALLOWLIST: \(entry 2\) must be a CIDR/,
    );
  });
});

describe('outbound connections', () => {
  it.each([
    ['169.254.169.254', 'link-local address'],
    ['10.0.0.1', 'private address'],
  ])('a webhook to %s is refused before any socket is opened', async (address, reason) => {
    const config = webhookConfigSchema.parse({ url: `http://${address}/latest/meta-data` });
    const sockets = watchSockets();
    try {
      const error = await refusal(webhookProvider.send(config, message(), ctx(sinkOnly)));
      expect(error.message).toBe(
        `refused to connect to ${address} (${reason}); add it to OUTBOUND_ALLOWLIST to allow`,
      );
      const check = await webhookProvider.check(config, ctx(sinkOnly));
      expect(check).toEqual({ ok: false, detail: error.message });
    } finally {
      sockets.stop();
    }
    expect(sockets.opened).toHaveLength(0);
  });

  it('the test route answers a refused channel with the reason, not an error', async () => {
    const res = await call(collection.POST, {
      method: 'POST',
      key,
      body: {
        name: `meta-${uniq()}`,
        provider: 'webhook',
        config: { url: 'http://169.254.169.254/latest/' },
      },
    });
    const { id } = (await res.json()) as Json;
    const tested = await call(test.POST, { method: 'POST', key, params: { id }, body: {} });
    expect(tested.status).toBe(200);
    expect(await tested.json()).toMatchObject({
      ok: false,
      retryable: false,
      error:
        'refused to connect to 169.254.169.254 (link-local address); add it to OUTBOUND_ALLOWLIST to allow',
    });
  });

  it('checks the addresses a name resolves to: localhost is refused unless allow-listed', async () => {
    const config = webhookConfigSchema.parse({ url: `http://localhost:${sink.port}/hook` });
    const sockets = watchSockets();
    try {
      const error = await refusal(webhookProvider.send(config, message(), ctx(none)));
      expect(error.message).toMatch(
        /^refused to connect to localhost \(resolves to (127\.0\.0\.1|::1), a loopback address\); add it to OUTBOUND_ALLOWLIST/,
      );
    } finally {
      sockets.stop();
    }
    expect(sockets.connected).toHaveLength(0);
    expect(sink.requests).toHaveLength(0);

    const allowed = await webhookProvider.send(config, message(), ctx(parseAllowList(['localhost'])));
    expect(allowed.responseCode).toBe(200);
    expect(sink.requests).toHaveLength(1);
  });

  it('judges IPv4-mapped and numeric spellings by the address they mean', async () => {
    for (const url of [`http://[::ffff:127.0.0.1]:${sink.port}/`, `http://2130706433:${sink.port}/`]) {
      const config = webhookConfigSchema.parse({ url });
      const error = await refusal(webhookProvider.send(config, message(), ctx(none)));
      expect(error.reason).toBe('loopback address');
    }
  });

  it('checks every redirect hop: a redirect from an allowed sink to 127.0.0.2 is refused', async () => {
    const before = sink.requests.length;
    sink.respondWith(() => ({ status: 302, headers: { location: `http://127.0.0.2:${sink.port}/inside` } }));
    try {
      const config = webhookConfigSchema.parse({ url: `${sink.url}/start` });
      const error = await refusal(webhookProvider.send(config, message(), ctx(sinkOnly)));
      expect(error.message).toBe(
        'refused to connect to 127.0.0.2 (loopback address); add it to OUTBOUND_ALLOWLIST to allow',
      );
      expect(sink.requests.slice(before).map((r) => r.path)).toEqual(['/start']);

      sink.respondWith(() => ({ status: 307, headers: { location: 'http://169.254.169.254/latest/' } }));
      expect((await refusal(webhookProvider.send(config, message(), ctx(sinkOnly)))).address).toBe(
        '169.254.169.254',
      );
    } finally {
      sink.respondWith(() => ({ status: 200 }));
    }
  });

  it('applies the same guard to SMTP hosts', async () => {
    const config = smtpConfigSchema.parse({
      host: '10.0.0.1',
      port: 25,
      secure: 'none',
      from: 'a@example.test',
    });
    const sockets = watchSockets();
    try {
      const error = await refusal(
        smtpProvider.send(config, { ...message(), to: 'b@example.test' }, ctx(sinkOnly)),
      );
      expect(error.message).toContain('refused to connect to 10.0.0.1 (private address)');
      const check = await smtpProvider.check(config, ctx(sinkOnly));
      expect(check.ok).toBe(false);
      expect(check.detail).toContain('refused to connect to 10.0.0.1');
    } finally {
      sockets.stop();
    }
    expect(sockets.opened).toHaveLength(0);
  });
});
