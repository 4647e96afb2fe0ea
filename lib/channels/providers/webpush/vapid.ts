import { createECDH } from 'node:crypto';
import webpush from 'web-push';

/** A VAPID key pair under the names of the config fields, ready to drop into a new channel's config. */
export interface VapidKeyPair {
  vapid_public_key: string;
  vapid_private_key: string;
}

/** A fresh P-256 VAPID key pair (base64url, as browsers take the public key as `applicationServerKey`). */
export function generateVapidKeys(): VapidKeyPair {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  return { vapid_public_key: publicKey, vapid_private_key: privateKey };
}

export const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Why the two keys do not form a VAPID pair, or undefined when the private key derives the public key. */
export function vapidPairProblem(publicKey: string, privateKey: string): string | undefined {
  if (!BASE64URL.test(publicKey) || Buffer.from(publicKey, 'base64url').length !== 65) {
    return 'the public key must be 65 bytes (an uncompressed P-256 point), base64url without padding';
  }
  if (!BASE64URL.test(privateKey) || Buffer.from(privateKey, 'base64url').length !== 32) {
    return 'the private key must be 32 bytes, base64url without padding';
  }
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    if (ecdh.getPublicKey().equals(Buffer.from(publicKey, 'base64url'))) return undefined;
  } catch {
    return 'the private key is not a valid P-256 key';
  }
  return 'the public key does not belong to the private key';
}
