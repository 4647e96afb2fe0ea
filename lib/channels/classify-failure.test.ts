import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedDispatcher } from '../outbound/guarded-agents';
import { OutboundRefusedError, parseAllowList } from '../outbound/ssrf';
import {
  alreadyClassified,
  classifyHttpFailure,
  classifyNetworkFailure,
  type FailureKind,
  type HttpFailure,
  statusKind,
} from './classify-failure';
import { DeliveryError } from './types';

/*
 * The shared failure rule as a table: HTTP statuses and headers, and real errors from real sockets (refused,
 * reset, hanging, not TLS, refused by the SSRF guard), each with the outcome it must have. A change of the rule
 * shows up here first.
 */

const http1 = (failure: Partial<HttpFailure> & { status: number }) =>
  classifyHttpFailure({ provider: 'Acme', ...failure });

describe('HTTP answers', () => {
  it.each([
    // 3xx: a redirect the guarded client did not follow is configuration, not bad luck.
    [301, 'permanent'],
    [302, 'permanent'],
    [304, 'permanent'],
    [307, 'permanent'],
    [308, 'permanent'],
    [400, 'permanent'],
    [401, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [408, 'retryable'],
    [409, 'permanent'],
    [410, 'permanent'],
    [413, 'permanent'],
    [422, 'permanent'],
    [425, 'permanent'],
    [429, 'retryable'],
    [500, 'retryable'],
    [502, 'retryable'],
    [503, 'retryable'],
    [504, 'retryable'],
    [599, 'retryable'],
  ] as const)('HTTP %i is %s', (status, kind) => {
    expect(statusKind(status)).toBe(kind);
    const error = http1({ status });
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.kind).toBe(kind);
    expect(error.details.responseCode).toBe(status);
  });

  it.each([
    ['429 with Retry-After seconds', { status: 429, retryAfter: '7' }, 'retryable', 7_000],
    [
      '503 with Retry-After seconds as a list',
      { status: 503, retryAfter: ['30', '60'] },
      'retryable',
      30_000,
    ],
    ['429 with a wait worked out in ms', { status: 429, retryAfter: 1_500 }, 'retryable', 1_500],
    ['429 without Retry-After', { status: 429 }, 'retryable', undefined],
    ['429 with an unreadable Retry-After', { status: 429, retryAfter: 'soon' }, 'retryable', undefined],
    [
      '400 with Retry-After (a refusal waits for nothing)',
      { status: 400, retryAfter: '7' },
      'permanent',
      undefined,
    ],
    ['301 with Retry-After', { status: 301, retryAfter: '7' }, 'permanent', undefined],
  ] satisfies [string, Parameters<typeof http1>[0], FailureKind, number | undefined][])(
    '%s',
    (_, failure, kind, retryAfterMs) => {
      const error = http1(failure);
      expect(error.kind).toBe(kind);
      expect(error.details.retryAfterMs).toBe(retryAfterMs);
    },
  );

  it('reads an HTTP-date Retry-After as the time until then', () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const wait = http1({ status: 503, retryAfter: at }).details.retryAfterMs!;
    expect(wait).toBeGreaterThan(115_000);
    expect(wait).toBeLessThanOrEqual(120_000);
  });

  it('a throttling answer is retryable and a rate limit whatever its status; a 429 is one without the mark', () => {
    expect(http1({ status: 400, rateLimited: true, retryAfter: '3' }).details).toEqual({
      responseCode: 400,
      rateLimited: true,
      retryAfterMs: 3_000,
    });
    expect(http1({ status: 400, rateLimited: true }).kind).toBe('retryable');
    expect(http1({ status: 429 }).details).toEqual({ responseCode: 429 });
  });

  it('words the outcome as "<provider> <words> (HTTP <status>[, <code>]): <reason>"', () => {
    expect(http1({ status: 503, reason: 'down' }).message).toBe('Acme is unavailable (HTTP 503): down');
    expect(http1({ status: 401, reason: 'bad key' }).message).toBe(
      'Acme refused the credentials (HTTP 401): bad key',
    );
    expect(http1({ status: 403 }).message).toBe('Acme refused the credentials (HTTP 403)');
    expect(http1({ status: 400, code: 'InvalidClientTokenId', credentials: true }).message).toBe(
      'Acme refused the credentials (HTTP 400, InvalidClientTokenId)',
    );
    expect(http1({ status: 404, code: 'code 21211', reason: 'no such number' }).message).toBe(
      'Acme refused the request (HTTP 404, code 21211): no such number',
    );
    const words = {
      unavailable: 'is down',
      credentials: 'refused the API key',
      refused: 'rejected the mail',
    };
    expect([500, 401, 400].map((status) => http1({ status, words }).message)).toEqual([
      'Acme is down (HTTP 500)',
      'Acme refused the API key (HTTP 401)',
      'Acme rejected the mail (HTTP 400)',
    ]);
    expect(http1({ status: 418, message: 'as the provider says it' }).message).toBe(
      'as the provider says it',
    );
    expect(http1({ status: 502, message: (kind) => `${kind}!` }).message).toBe('retryable!');
  });

  it('keeps the request and response it is given, and adds no empty keys', () => {
    const request = { method: 'POST' };
    const response = { status: 500, body: 'oops' };
    expect(http1({ status: 500, request, response }).details).toStrictEqual({
      responseCode: 500,
      request,
      response,
    });
    expect(http1({ status: 404 }).details).toStrictEqual({ responseCode: 404 });
  });
});

describe('failures without an answer', () => {
  let hanging: http.Server;
  let resetting: net.Server;
  let plain: http.Server;
  let closedPort: number;
  const urlOf = (server: net.Server) => `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;

  beforeAll(async () => {
    hanging = http.createServer(() => {});
    resetting = net.createServer((socket) => socket.destroy());
    plain = http.createServer((_, res) => res.end('not TLS'));
    const closed = net.createServer();
    await Promise.all(
      [hanging, resetting, plain, closed].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))),
    );
    closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
  });
  afterAll(async () => {
    hanging.closeAllConnections();
    await Promise.all([hanging, resetting, plain].map((s) => new Promise((r) => s.close(r))));
  });

  const context = { provider: 'Acme', timeoutMs: 50 };
  const caught = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('the call succeeded'),
      (error: unknown) => error,
    );

  it('a refused connection (fetch, a socket) is retryable: could not reach', async () => {
    const fromFetch = await caught(fetch(`http://127.0.0.1:${closedPort}/`));
    const fromSocket = await caught(
      new Promise((_, reject) => net.connect(closedPort, '127.0.0.1').once('error', reject)),
    );
    for (const error of [fromFetch, fromSocket]) {
      const classified = classifyNetworkFailure(error, { ...context, endpoint: 'http://acme.test' })!;
      expect(classified.kind).toBe('retryable');
      expect(classified.message).toMatch(/^could not reach Acme at http:\/\/acme\.test: ECONNREFUSED \(/);
    }
  });

  it('a connection the server drops is retryable', async () => {
    const hangUp = await caught(
      new Promise((_, reject) => http.get(`${urlOf(resetting)}/`).once('error', reject)),
    );
    const classified = classifyNetworkFailure(hangUp, context)!;
    expect(classified.kind).toBe('retryable');
    expect(classified.message).toMatch(/^could not reach Acme: ECONNRESET/);
  });

  it('a server that never answers is a retryable timeout; a call the caller cancelled says so', async () => {
    const timedOut = await caught(fetch(`${urlOf(hanging)}/`, { signal: AbortSignal.timeout(50) }));
    expect(classifyNetworkFailure(timedOut, context)).toMatchObject({
      kind: 'retryable',
      message: 'Acme did not answer within 50 ms',
    });

    const controller = new AbortController();
    const pending = caught(fetch(`${urlOf(hanging)}/`, { signal: controller.signal }));
    controller.abort();
    const cancelled = await pending;
    expect(classifyNetworkFailure(cancelled, { ...context, signal: controller.signal })).toMatchObject({
      kind: 'retryable',
      message: 'the call to Acme was aborted',
    });
    // Aborted by the attempt's own time budget: slow, not cancelled.
    const budget = AbortSignal.timeout(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(classifyNetworkFailure(cancelled, { ...context, signal: budget })!.message).toBe(
      'Acme did not answer within 50 ms',
    );
  });

  it('a peer TLS cannot accept is permanent', async () => {
    const { port } = plain.address() as net.AddressInfo;
    const notTls = await caught(
      new Promise((_, reject) => tls.connect({ host: '127.0.0.1', port }).once('error', reject)),
    );
    const classified = classifyNetworkFailure(notTls, context)!;
    expect(classified.kind).toBe('permanent');
    expect(classified.message).toMatch(/^TLS with Acme failed: .*wrong version number/);
  });

  it("the SSRF guard's refusal passes through unchanged, also from inside what fetch threw", async () => {
    const refusedByGuard = await caught(
      fetch('http://10.1.2.3/', { dispatcher: guardedDispatcher(parseAllowList([])) } as RequestInit),
    );
    expect(refusedByGuard).not.toBeInstanceOf(DeliveryError);
    const request = { url: 'http://10.1.2.3/' };
    const classified = classifyNetworkFailure(refusedByGuard, { ...context, request });
    expect(classified).toBeInstanceOf(OutboundRefusedError);
    expect(classified).toBe((refusedByGuard as Error).cause);
    expect(classified).toMatchObject({ kind: 'permanent', details: { request } });
  });

  it('a DeliveryError passes through as it is; request is added only where it has none', () => {
    const own = new DeliveryError('already decided', 'permanent', { responseCode: 451, request: { a: 1 } });
    expect(alreadyClassified(own, { b: 2 })).toBe(own);
    expect(own.details.request).toEqual({ a: 1 });
    const bare = new DeliveryError('timed out', 'retryable');
    const wrapped = Object.assign(new Error('apn write failed'), { jse_cause: () => bare });
    expect(classifyNetworkFailure(wrapped, { ...context, request: { b: 2 } })).toBe(bare);
    expect(bare.details.request).toEqual({ b: 2 });
    expect(alreadyClassified(Object.assign(new Error('sdk'), { original: bare }))).toBe(bare);
  });

  it('anything else is left to the provider', () => {
    expect(classifyNetworkFailure(new Error('invalid VAPID subject'), context)).toBeUndefined();
    expect(classifyNetworkFailure('not even an error', context)).toBeUndefined();
    expect(alreadyClassified(new Error('plain'))).toBeUndefined();
  });
});
