import { randomBytes, randomUUID } from 'node:crypto';
import { type SinkReply, type SinkRequest, startHttpSink } from '../support/http-sink';

/**
 * A strict stand-in for Vonage's SMS API (rest.nexmo.com): POST /sms/json authenticated by Basic
 * api_key:api_secret (or, the older way, `api_key`/`api_secret` fields), JSON or form body with `from`, `to`
 * (digits, no "+"), `text`, optional `type`, `client-ref`, `callback`. Refusals come back as HTTP 200 with a
 * non-zero `status` per message, as the real API does; gateway errors (401, 429, 5xx) as RFC 7807 bodies.
 * GET /account/get-balance answers the account's credit.
 */

export type FakeMode = 'ok' | 'unauthorized' | 'rate-limited' | 'server-error' | 'hang' | 'status';

export interface VonageFake {
  url: string;
  apiKey: string;
  apiSecret: string;
  requests: SinkRequest[];
  /** Accepted messages: the fields Vonage read, by the first part's message-id. */
  sent: Map<string, Record<string, string>>;
  /** `status` answers every send with that SMS API status (e.g. '29', '1') in an HTTP 200. */
  setMode(mode: FakeMode, options?: { retryAfter?: string; status?: string; errorText?: string }): void;
  close(): Promise<void>;
}

const DIGITS = /^[1-9]\d{6,14}$/;
const TYPES = new Set(['text', 'binary', 'wappush', 'unicode', 'vcal', 'vcard']);

export async function startVonageFake(
  credentials = { apiKey: randomBytes(4).toString('hex'), apiSecret: randomBytes(8).toString('hex') },
): Promise<VonageFake> {
  const { apiKey, apiSecret } = credentials;
  const sent = new Map<string, Record<string, string>>();
  let mode: FakeMode = 'ok';
  let options: { retryAfter?: string; status?: string; errorText?: string } = {};
  const sink = await startHttpSink();

  sink.respondWith((req): SinkReply => {
    if (mode === 'hang') return { status: 200, hang: true };
    if (mode === 'unauthorized')
      return problem(401, 'unauthorized', 'Unauthorized', 'You did not provide correct credentials.');
    if (mode === 'rate-limited') {
      const reply = problem(429, 'throttled', 'Throttled', 'Please wait, then retry your request');
      return {
        ...reply,
        headers: { ...reply.headers, ...(options.retryAfter ? { 'retry-after': options.retryAfter } : {}) },
      };
    }
    if (mode === 'server-error')
      return problem(500, 'internal-error', 'Internal Error', 'An internal error occurred');

    const url = new URL(req.path, 'http://fake');
    const fields = readFields(req, url);
    const basic = basicCredentials(req.headers.authorization);
    const key = basic?.[0] ?? fields?.api_key;
    const secret = basic?.[1] ?? fields?.api_secret;
    if (req.method === 'GET' && url.pathname === '/account/get-balance') {
      if (key !== apiKey || secret !== apiSecret)
        return problem(401, 'unauthorized', 'Unauthorized', 'You did not provide correct credentials.');
      return json(200, { value: 12.75, autoReload: false });
    }
    if (req.method !== 'POST' || url.pathname !== '/sms/json')
      return problem(404, 'not-found', 'Not Found', `The requested resource ${url.pathname} does not exist`);
    if (!fields) return refused('2', 'Missing from param');
    if (!key) return refused('2', 'Missing api_key');
    if (!secret) return refused('2', 'Missing api_secret or sig');
    if (key !== apiKey || secret !== apiSecret) return refused('4', 'Bad Credentials');
    if (!fields.from) return refused('2', 'Missing from param');
    if (!fields.to) return refused('2', 'Missing to param');
    const type = fields.type ?? 'text';
    if (!TYPES.has(type)) return refused('3', 'Invalid message type');
    if ((type === 'text' || type === 'unicode') && !fields.text) return refused('2', 'Missing text param');
    if (!DIGITS.test(fields.to)) return refused('3', 'Invalid to address');
    if (fields['client-ref'] && fields['client-ref'].length > 100) return refused('3', 'Invalid client-ref');
    if (fields.callback && !URL.canParse(fields.callback)) return refused('23', 'Invalid Callback Url');
    if (mode === 'status')
      return refused(options.status ?? '5', options.errorText ?? 'Internal Error', fields.to);
    const parts = partCount(fields.text ?? '', type);
    const ids = Array.from({ length: parts }, () => randomBytes(9).toString('hex').toUpperCase());
    sent.set(ids[0]!, fields);
    return json(200, {
      'message-count': String(parts),
      messages: ids.map((id) => ({
        to: fields.to,
        'message-id': id,
        status: '0',
        'remaining-balance': '12.75',
        'message-price': '0.03330000',
        network: '26202',
        ...(fields['client-ref'] ? { 'client-ref': fields['client-ref'] } : {}),
      })),
    });
  });

  return {
    url: sink.url,
    apiKey,
    apiSecret,
    requests: sink.requests,
    sent,
    setMode(next, opts = {}) {
      mode = next;
      options = opts;
    },
    close: () => sink.close(),
  };
}

/** The request's parameters: JSON or form body (POST), else the query; undefined when the body is unreadable. */
function readFields(req: SinkRequest, url: URL): Record<string, string> | undefined {
  const type = req.headers['content-type'] ?? '';
  if (req.method === 'GET' || !req.body) return Object.fromEntries(url.searchParams);
  if (type.startsWith('application/json')) {
    try {
      const body = JSON.parse(req.body) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
    } catch {
      return undefined;
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(req.body));
  return undefined;
}

function basicCredentials(header: string | undefined): [string, string] | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** GSM texts take 160 characters in one part and 153 per part beyond; unicode 70 and 67. */
function partCount(text: string, type: string): number {
  const [single, multi] = type === 'unicode' ? [70, 67] : [160, 153];
  return text.length <= single ? 1 : Math.ceil(text.length / multi);
}

function refused(status: string, errorText: string, to?: string): SinkReply {
  return json(200, {
    'message-count': '1',
    messages: [{ ...(to ? { to } : {}), status, 'error-text': errorText }],
  });
}

function problem(status: number, type: string, title: string, detail: string): SinkReply {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: `https://developer.nexmo.com/api-errors#${type}`,
      title,
      detail,
      instance: randomUUID(),
    }),
  };
}

function json(status: number, body: unknown): SinkReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
