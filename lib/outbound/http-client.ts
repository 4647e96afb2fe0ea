import http from 'node:http';
import https from 'node:https';
import { DeliveryError } from '../errors';
import { guardedAgents } from './guarded-agents';
import { type AllowList, assertLiteralAllowed, connectError, defaultAllowList, stripBrackets } from './ssrf';

/**
 * HTTP client for provider calls that go to user-configured URLs. Every connection goes through the SSRF guard
 * (literal address checked before connecting, names checked inside the socket's lookup) and redirects are
 * followed by hand so each hop is checked again.
 */

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_RESPONSE_BYTES = 64 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface OutboundRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Budget for the whole exchange, redirects included. */
  timeoutMs: number;
  signal?: AbortSignal;
  allowList?: AllowList;
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The first 64 KiB of the body. */
  body: string;
  /** Final URL, without credentials or query values. */
  url: string;
  /** Every hop followed, redacted like `url`. */
  redirects: string[];
  durationMs: number;
}

/** Sends the request; a response of any status resolves, anything else rejects with a DeliveryError. */
export async function outboundRequest(request: OutboundRequest): Promise<OutboundResponse> {
  const allowList = request.allowList ?? defaultAllowList();
  const maxRedirects = request.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  // One controller for the exchange's own budget and the caller's signal (cheaper than AbortSignal.any, which
  // this hot path would pay per message).
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('exchange budget spent', 'TimeoutError')),
    request.timeoutMs,
  );
  const forward = () => controller.abort(request.signal?.reason);
  if (request.signal?.aborted) forward();
  else request.signal?.addEventListener('abort', forward, { once: true });
  try {
    return await exchangeAll(request, controller.signal, allowList, maxRedirects);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', forward);
  }
}

async function exchangeAll(
  request: OutboundRequest,
  signal: AbortSignal,
  allowList: AllowList,
  maxRedirects: number,
): Promise<OutboundResponse> {
  const started = performance.now();
  const redirects: string[] = [];
  let url = parseUrl(request.url);
  let { method, body } = request;
  const headers = { ...request.headers };

  for (;;) {
    const response = await exchange({
      url,
      method,
      headers,
      body,
      signal,
      allowList,
      timeoutMs: request.timeoutMs,
    });
    const location = REDIRECT_STATUSES.has(response.status)
      ? firstHeader(response.headers.location)
      : undefined;
    if (!location) {
      return {
        ...response,
        url: redactUrl(url),
        redirects,
        durationMs: Math.round(performance.now() - started),
      };
    }
    const next = parseUrl(location, url);
    if (redirects.length >= maxRedirects) {
      throw new DeliveryError(
        `gave up after ${maxRedirects} redirects (next: ${redactUrl(next)})`,
        'permanent',
        { responseCode: response.status },
      );
    }
    // Credentials are for the origin they were configured for, as browsers do.
    if (next.origin !== url.origin) deleteHeader(headers, 'authorization');
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
      deleteHeader(headers, 'content-type');
    }
    redirects.push(redactUrl(next));
    url = next;
  }
}

/** A URL fit for logs and the attempts timeline: no user info, query values replaced. */
export function redactUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return '(invalid URL)';
  }
  const query = [...url.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=••••`).join('&');
  return `${url.protocol}//${url.host}${url.pathname}${query ? `?${query}` : ''}`;
}

interface Exchange {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
  allowList: AllowList;
  timeoutMs: number;
}

function exchange(x: Exchange): Promise<Omit<OutboundResponse, 'url' | 'redirects' | 'durationMs'>> {
  const secure = x.url.protocol === 'https:';
  const host = stripBrackets(x.url.hostname);
  const port = x.url.port || (secure ? '443' : '80');
  return new Promise((resolve, reject) => {
    assertLiteralAllowed(host, x.allowList);
    const headers = { ...x.headers };
    if (x.body !== undefined) headers['content-length'] = String(Buffer.byteLength(x.body));
    const req = (secure ? https : http).request(
      {
        protocol: x.url.protocol,
        hostname: host,
        port,
        path: `${x.url.pathname}${x.url.search}`,
        method: x.method,
        headers,
        agent: agentFor(x.allowList, secure),
        signal: x.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // Only a snippet is ever shown; stop reading rather than buffer a huge answer.
          if (size >= MAX_RESPONSE_BYTES) {
            res.destroy();
            done();
          }
        });
        res.on('end', done);
        res.on('error', (error) => reject(failure(error, x, host, port)));
      },
    );
    req.on('error', (error) => reject(failure(error, x, host, port)));
    req.end(x.body);
  });
}

function failure(error: unknown, x: Exchange, host: string, port: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (x.signal.aborted) {
    const timedOut = (x.signal.reason as Error | undefined)?.name === 'TimeoutError';
    return new DeliveryError(
      timedOut
        ? `no complete response from ${redactUrl(x.url)} within ${x.timeoutMs} ms`
        : `request to ${redactUrl(x.url)} was aborted`,
      'retryable',
    );
  }
  return connectError(error, host, port);
}

function agentFor(allowList: AllowList, secure: boolean): http.Agent {
  const pair = guardedAgents(allowList);
  return secure ? pair.https : pair.http;
}

function parseUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new DeliveryError(`not a valid URL: ${redactUrl(value)}`, 'permanent');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DeliveryError(
      `refusing ${url.protocol} URL ${redactUrl(url)}: only http and https are allowed`,
      'permanent',
    );
  }
  return url;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function deleteHeader(headers: Record<string, string>, name: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) delete headers[key];
}
