import { createHash } from 'node:crypto';
import { type OutboundResponse, outboundRequest, redactUrl } from '../../../outbound/http-client';
import type { SendContext } from '../../types';
import { type TeamsGraphTarget, tokenUrlOf } from './config';
import { teamsFailure } from './errors';

/**
 * OAuth 2.0 client credentials against Microsoft Entra ID (or the configured token URL), by hand: MSAL would
 * bring authority discovery and a cache of its own for one form POST. Tokens are reused until a minute before
 * they expire, keyed by a hash of everything that identifies them (never the secret itself).
 */

const EARLY_MS = 60_000;
const cache = new Map<string, { token: string; expiresAt: number }>();

export interface AccessToken {
  token: string;
  /** Whether it came from the cache (a 401 then means: fetch a new one and try once more). */
  cached: boolean;
}

export async function accessToken(
  target: TeamsGraphTarget,
  ctx: SendContext,
  timeoutMs: number,
  options: { fresh?: boolean } = {},
): Promise<AccessToken> {
  const tokenUrl = tokenUrlOf(target);
  const key = createHash('sha256')
    .update(JSON.stringify([tokenUrl, target.client_id, target.client_secret, target.scope]))
    .digest('hex');
  const hit = cache.get(key);
  if (hit && !options.fresh && hit.expiresAt > Date.now()) return { token: hit.token, cached: true };
  cache.delete(key);

  const request = {
    method: 'POST',
    url: redactUrl(tokenUrl),
    grant_type: 'client_credentials',
    scope: target.scope,
  };
  const response: OutboundResponse = await outboundRequest({
    url: tokenUrl,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: target.client_id,
      client_secret: target.client_secret,
      scope: target.scope,
    }).toString(),
    timeoutMs,
    signal: ctx.signal,
    allowList: ctx.allowList,
    maxRedirects: 0,
  });
  if (response.status !== 200) throw teamsFailure('the token endpoint', response, request);
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw teamsFailure('the token endpoint', { ...response, status: 502 }, request);
  }
  if (typeof parsed.access_token !== 'string' || !parsed.access_token) {
    throw teamsFailure('the token endpoint', { ...response, status: 502 }, request);
  }
  const lifetimeMs = (Number(parsed.expires_in) || 3600) * 1000;
  cache.set(key, { token: parsed.access_token, expiresAt: Date.now() + lifetimeMs - EARLY_MS });
  return { token: parsed.access_token, cached: false };
}

export function forgetAccessTokens(): void {
  cache.clear();
}
