import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { AppError } from '../../errors';
import type { WebhookTriggerConfig } from '../types/webhook';

/**
 * Checks that a request comes from the sender: HMAC-SHA256 of the raw body, or Standard Webhooks. Throws a 401
 * AppError naming what is wrong (never the expected value). Runs before anything is stored.
 */
export function verifyWebhook(config: WebhookTriggerConfig, headers: Headers, rawBody: string): void {
  const { verification } = config;
  if (verification.type === 'hmac') verifyHmac(verification, headers, rawBody);
  else if (verification.type === 'standard')
    verifyStandard(verification.secret, config.tolerance_seconds, headers, rawBody);
}

type HmacVerification = Extract<WebhookTriggerConfig['verification'], { type: 'hmac' }>;

function verifyHmac(verification: HmacVerification, headers: Headers, rawBody: string): void {
  const header = headers.get(verification.header);
  if (header === null) throw unauthorized(`signature header ${verification.header} is missing`);
  const prefix = verification.prefix ?? '';
  const value = header.trim();
  if (!value.startsWith(prefix)) throw unauthorized(`signature must start with "${prefix}"`);
  const given = decodeDigest(value.slice(prefix.length), verification.encoding);
  const expected = createHmac('sha256', verification.secret).update(rawBody, 'utf8').digest();
  // timingSafeEqual needs equal lengths; a digest's length is public, so checking it first leaks nothing.
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw unauthorized('signature does not match');
}

/** Strict decoding: Buffer.from would skip characters that are not in the alphabet. */
function decodeDigest(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
  const valid = encoding === 'hex' ? /^[0-9a-fA-F]+$/ : /^[A-Za-z0-9+/_-]+={0,2}$/;
  return valid.test(text) ? Buffer.from(text, encoding === 'hex' ? 'hex' : 'base64') : undefined;
}

function verifyStandard(secret: string, toleranceSeconds: number, headers: Headers, rawBody: string): void {
  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signature = headers.get('webhook-signature');
  if (!id || !timestamp || !signature)
    throw unauthorized('webhook-id, webhook-timestamp and webhook-signature headers are required');
  // The library's own window is fixed at 5 minutes; the trigger's tolerance may be tighter.
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - seconds) > toleranceSeconds)
    throw unauthorized(`webhook-timestamp is not within ${toleranceSeconds} s of now`);
  try {
    new Webhook(secret).verify(rawBody, {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    });
  } catch (error) {
    throw unauthorized(`signature does not verify: ${(error as Error).message}`);
  }
}

function unauthorized(reason: string): AppError {
  return new AppError('unauthorized', `webhook rejected: ${reason}`);
}
