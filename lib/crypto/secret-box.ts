import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Keyring, keyring } from './keyring';

/**
 * Credentials at rest: AES-256-GCM, 96-bit random IV, 128-bit tag, in a versioned text format
 * `sb1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts) so keys can rotate and the format can evolve.
 */
const PREFIX = 'sb1';

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${PREFIX}:`) && value.split(':').length === 5;
}

export function encryptSecret(plaintext: string, ring: Keyring = keyring()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    PREFIX,
    ring.current.id,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ciphertext.toString('base64url'),
  ].join(':');
}

export function decryptSecret(value: string, ring: Keyring = keyring()): string {
  if (!isEncrypted(value)) throw new DecryptionError('value is not in the sb1 encrypted format');
  const [, keyId, iv, tag, ciphertext] = value.split(':') as [string, string, string, string, string];
  const key = ring.byId.get(keyId);
  if (!key) {
    throw new DecryptionError(
      `secret was encrypted with key ${keyId}, which is neither ENCRYPTION_KEY nor in ENCRYPTION_KEYS_OLD`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new DecryptionError(`secret failed authentication with key ${keyId} (corrupted or tampered)`);
  }
}

/** True when the value is encrypted under a key other than the current one. */
export function needsReencryption(value: string, ring: Keyring = keyring()): boolean {
  return isEncrypted(value) && value.split(':')[1] !== ring.current.id;
}
