import { REST, type ResponseLike } from 'discord.js';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import { guardedFetch } from '../../../outbound/guarded-agents';
import { parseRetryAfter } from '../../../outbound/retry-after';
import type { SendContext } from '../../types';
import type { DiscordConfig } from './config';

// Pre-emptive waits for a bucket to refill longer than this fail as retryable instead of sleeping in the attempt.
const MAX_QUEUE_WAIT_MS = 2_000;

/** A 429 from Discord, thrown before the SDK can sleep and send again. */
export class DiscordRateLimited extends Error {
  override name = 'DiscordRateLimited';
  constructor(
    readonly retryAfterMs: number | undefined,
    readonly global: boolean,
    readonly body: Record<string, unknown>,
  ) {
    super(`Discord rate-limited the call (HTTP 429${global ? ', global' : ''})`);
  }
}

export function timeoutMsOf(config: DiscordConfig, ctx: SendContext): number {
  return Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
}

/**
 * discord.js's REST client (@discordjs/rest, which discord.js bundles and re-exports) for one send or check,
 * pointed at `api_base_url` (`/v10` is appended by the SDK), with the bot token as `Authorization: Bot …`; the
 * gateway half of discord.js is never started. Switchboard's retry policy is the only one: `retries: 0` stops the SDK from
 * repeating timeouts and 5xx, and a 429 is thrown from `makeRequest` because the SDK would otherwise sleep
 * Retry-After and send again. Waiting briefly for a bucket the SDK knows to be empty (reactions, one after
 * another) is fine; a longer wait fails as a rate limit. Every connection passes the SSRF guard. No sweeper
 * timers: the client lives for one send.
 */
export function discordClient(config: DiscordConfig, ctx: SendContext): REST {
  const fetchGuarded = guardedFetch(ctx.allowList);
  return new REST({
    api: config.api_base_url.replace(/\/+$/, ''),
    retries: 0,
    timeout: timeoutMsOf(config, ctx),
    offset: 0,
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
    rejectOnRateLimit: (data) => data.timeToReset > MAX_QUEUE_WAIT_MS,
    async makeRequest(url, init): Promise<ResponseLike> {
      await assertEndpointAllowed(url, ctx.allowList);
      // The SDK's own strategy (undici's request on its bundled undici) takes no guarded connector; fetch on the
      // guarded dispatcher does, for redirect hops too.
      const response = (await fetchGuarded(url, init as RequestInit)) as unknown as ResponseLike;
      if (response.status === 429) throw await rateLimited(response);
      return response;
    },
  }).setToken(config.bot_token);
}

async function rateLimited(response: ResponseLike): Promise<DiscordRateLimited> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Cloudflare's HTML ban page has no JSON; the header still says how long to wait.
  }
  // The body's retry_after has sub-second precision; the header is whole seconds.
  const seconds = typeof body.retry_after === 'number' ? body.retry_after : undefined;
  const retryAfterMs =
    seconds !== undefined ? Math.ceil(seconds * 1000) : parseRetryAfter(response.headers.get('retry-after'));
  const global = body.global === true || response.headers.has('x-ratelimit-global');
  return new DiscordRateLimited(retryAfterMs, global, body);
}
