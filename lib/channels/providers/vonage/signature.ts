import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureMethod } from './config';

const HMAC_ALGORITHMS: Record<Exclude<SignatureMethod, 'md5hash'>, string> = {
  md5hmac: 'md5',
  sha1hmac: 'sha1',
  sha256hmac: 'sha256',
  sha512hmac: 'sha512',
};

/**
 * Vonage's `sig` over request parameters (https://developer.vonage.com/en/getting-started/concepts/signing-messages):
 * every parameter but `sig`, sorted by key, as `&key=value` with `&` and `=` in values replaced by `_`; then
 * MD5 of that string followed by the secret ("MD5 hash"), or an HMAC keyed by the secret. Hex digits.
 */
export function vonageSignature(
  params: Record<string, string>,
  secret: string,
  method: SignatureMethod,
): string {
  const signed = Object.keys(params)
    .filter((key) => key !== 'sig')
    .sort()
    .map((key) => `&${key}=${params[key]!.replace(/[&=]/g, '_')}`)
    .join('');
  if (method === 'md5hash')
    return createHash('md5')
      .update(signed + secret)
      .digest('hex');
  return createHmac(HMAC_ALGORITHMS[method], secret).update(signed).digest('hex');
}

/** Constant-time check of a received `sig`; Vonage's hex may come in either case. */
export function signatureMatches(
  params: Record<string, string>,
  secret: string,
  method: SignatureMethod,
): boolean {
  const received = params.sig?.toLowerCase();
  if (!received || !/^[0-9a-f]+$/.test(received)) return false;
  const expected = Buffer.from(vonageSignature(params, secret, method), 'hex');
  const given = Buffer.from(received, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
