import { createHash } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { outboundRequest } from '../../outbound-http';
import { parseRetryAfter } from '../../retry-after';
import { DeliveryError, type SendContext } from '../../types';
import type { FcmConfig } from './config';
import { parseJson } from './errors';
import { parseServiceAccount, type ServiceAccount } from './service-account';

/**
 * Service-account OAuth (RFC 7523 JWT bearer grant, as Google documents it for server-to-server calls): a JWT
 * signed RS256 with the account's private key is exchanged at the token URL for an access token, which is
 * cached until shortly before it expires — Google answers with a one-hour token, so most sends skip this step.
 */

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ASSERTION_LIFETIME_S = 3600;
// Refresh a little early so a token never expires between being read here and arriving at FCM.
const EARLY_REFRESH_MS = 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

// Keyed by a hash of the key file and token URL, so that the map holds no key material; a pending exchange is
// shared, so concurrent sends through one channel make one token request.
const tokens = new Map<string, Promise<CachedToken>>();

export interface AccessToken {
  value: string;
  /** Whether it came from the cache (a 401 then warrants one fresh exchange). */
  cached: boolean;
}

export function loadServiceAccount(config: FcmConfig): ServiceAccount {
  const parsed = parseServiceAccount(config.service_account);
  if (!parsed.ok) throw new DeliveryError(`FCM service account ${parsed.problem}`, 'permanent');
  return parsed.account;
}

export async function accessToken(config: FcmConfig, ctx: SendContext): Promise<AccessToken> {
  const key = cacheKey(config);
  const pending = tokens.get(key);
  if (pending) {
    const token = await pending.catch(() => undefined);
    if (token && token.expiresAt - EARLY_REFRESH_MS > Date.now()) return { value: token.value, cached: true };
    if (tokens.get(key) === pending) tokens.delete(key);
  }
  const exchange = exchangeAssertion(config, ctx);
  tokens.set(key, exchange);
  try {
    return { value: (await exchange).value, cached: false };
  } catch (error) {
    if (tokens.get(key) === exchange) tokens.delete(key);
    throw error;
  }
}

/** Drops a token FCM refused (revoked, or the key was rotated), so the next send exchanges a new one. */
export function forgetAccessToken(config: FcmConfig): void {
  tokens.delete(cacheKey(config));
}

export function clearAccessTokens(): void {
  tokens.clear();
}

async function exchangeAssertion(config: FcmConfig, ctx: SendContext): Promise<CachedToken> {
  const account = loadServiceAccount(config);
  const assertion = await signAssertion(account, config.token_url);
  const response = await outboundRequest({
    url: config.token_url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString(),
    timeoutMs: Math.min(config.timeout_seconds * 1000, ctx.timeoutMs),
    signal: ctx.signal,
    allowList: ctx.allowList,
    maxRedirects: 0,
  });
  const body = parseJson(response.body);
  if (response.status === 200 && typeof body?.access_token === 'string') {
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    return { value: body.access_token, expiresAt: Date.now() + expiresIn * 1000 };
  }
  // OAuth errors are {"error": "invalid_grant", "error_description": "Invalid JWT Signature."} (RFC 6749 §5.2).
  const reason = [body?.error, body?.error_description].filter((part) => typeof part === 'string').join(': ');
  const message = `FCM OAuth token exchange answered HTTP ${response.status}${reason ? ` (${reason})` : ''}`;
  const details = { responseCode: response.status, response: { status: response.status, error: reason } };
  if (response.status === 429 || response.status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    throw new DeliveryError(message, 'retryable', {
      ...details,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  throw new DeliveryError(message, 'permanent', details);
}

async function signAssertion(account: ServiceAccount, audience: string): Promise<string> {
  let key: CryptoKey;
  try {
    key = await importPKCS8(account.private_key, 'RS256');
  } catch {
    throw new DeliveryError('FCM service account private_key is not a usable RSA private key', 'permanent');
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: FCM_SCOPE })
    .setProtectedHeader({
      alg: 'RS256',
      typ: 'JWT',
      ...(account.private_key_id ? { kid: account.private_key_id } : {}),
    })
    .setIssuer(account.client_email)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .sign(key);
}

function cacheKey(config: FcmConfig): string {
  return createHash('sha256')
    .update(JSON.stringify([config.service_account, config.token_url]))
    .digest('hex');
}
