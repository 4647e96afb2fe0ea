import type RequestClient from 'twilio/lib/base/RequestClient';
import { type OutboundResponse, outboundRequest } from '../../../outbound/http-client';
import type { SendContext } from '../../types';

type RequestOptions = RequestClient.RequestOptions;

/**
 * The SDK's RequestClient contract (`request()` is all the SDK calls) over Switchboard's guarded HTTP: every
 * connection passes the SSRF guard, the attempt's signal and time budget apply, and nothing is retried here
 * (the SDK's own client would retry 429s itself with `autoRetry`, and knows neither guard nor signal).
 */
export class GuardedTwilioHttpClient {
  /** The last answer, for what the SDK's exceptions drop (Retry-After). */
  lastResponse: OutboundResponse | undefined;

  constructor(
    private readonly ctx: SendContext,
    private readonly timeoutMs: number,
  ) {}

  async request(opts: RequestOptions): Promise<{ statusCode: number; body: string; headers: unknown }> {
    const url = new URL(opts.uri);
    for (const [key, value] of formEntries(opts.params)) url.searchParams.append(key, value);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(opts.headers ?? {})) {
      if (value !== undefined && name.toLowerCase() !== 'connection') headers[name] = String(value);
    }
    if (opts.username && opts.password) {
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    }
    const method = opts.method.toUpperCase();
    const body = opts.data ? encodeBody(opts.data, headers) : undefined;
    const response = await outboundRequest({
      url: url.toString(),
      method,
      headers,
      body,
      timeoutMs: this.timeoutMs,
      signal: this.ctx.signal,
      allowList: this.ctx.allowList,
      // The SDK asks for redirects only where Twilio documents them; API calls never follow one.
      maxRedirects: opts.allowRedirects ? 10 : 0,
    });
    this.lastResponse = response;
    return { statusCode: response.status, body: response.body, headers: response.headers };
  }
}

/** Form fields as the SDK's own client sends them (qs with `arrayFormat: 'repeat'`): lists repeat the key. */
function formEntries(data: unknown): [string, string][] {
  if (!data || typeof data !== 'object') return [];
  return Object.entries(data as Record<string, unknown>).flatMap(([key, value]) => {
    if (value === undefined || value === null) return [];
    return Array.isArray(value)
      ? value.map((item) => [key, String(item)] as [string, string])
      : [[key, String(value)]];
  });
}

function encodeBody(data: unknown, headers: Record<string, string>): string {
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (type === 'application/json') return JSON.stringify(data);
  return new URLSearchParams(formEntries(data)).toString();
}
