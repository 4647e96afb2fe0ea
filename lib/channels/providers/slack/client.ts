import { type FetchFunction, type Logger, LogLevel, WebClient } from '@slack/web-api';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import { guardedFetch } from '../../../outbound/guarded-agents';
import type { SendContext } from '../../types';
import type { SlackConfig } from './config';

// The SDK would log every failed call to the console; Switchboard reports failures itself.
const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export function timeoutMsOf(config: SlackConfig, ctx: SendContext): number {
  return Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
}

/**
 * A WebClient for one send or check, pointed at `api_base_url`. Switchboard's retry policy is the only one: the
 * SDK's own retries are off and a 429 rejects at once (instead of pausing the queue for Retry-After). Every URL
 * the SDK fetches, including the files.uploadV2 upload URL that Slack hands out, is fetched on the SSRF-guarded
 * dispatcher (every connection and redirect hop checked), and the attempt's signal aborts whatever is in flight.
 */
export function slackClient(config: SlackConfig, ctx: SendContext): WebClient {
  const fetchGuarded = guardedFetch(ctx.allowList);
  const fetchFn: FetchFunction = async (url, init) => {
    await assertEndpointAllowed(String(url), ctx.allowList);
    const signal = init?.signal ? AbortSignal.any([init.signal, ctx.signal]) : ctx.signal;
    return fetchGuarded(url, { ...init, signal } as RequestInit);
  };
  return new WebClient(config.bot_token, {
    slackApiUrl: config.api_base_url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMsOf(config, ctx),
    fetch: fetchFn,
    logger: silent,
    // Method names only: an absolute URL is never a Slack method Switchboard calls.
    allowAbsoluteUrls: false,
  });
}
