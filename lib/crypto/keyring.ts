import { createHash } from 'node:crypto';
import { loadOrCreateDataSecret } from '../data-secrets';
import { EnvError, env } from '../env';
import { logger } from '../logger';

export interface EncryptionKey {
  /** Short, stable identifier derived from the key itself; stored in every ciphertext. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: EncryptionKey;
  /** Every key that can decrypt: the current one first, then the old ones. */
  byId: Map<string, EncryptionKey>;
}

export const GENERATED_KEY_FILE = 'encryption.key';

export function keyFromBase64(base64: string): EncryptionKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32)
    throw new EnvError('ENCRYPTION_KEY: must be the base64 encoding of exactly 32 bytes');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export function buildKeyring(current: string, old: string[] = []): Keyring {
  const currentKey = keyFromBase64(current);
  const byId = new Map<string, EncryptionKey>([[currentKey.id, currentKey]]);
  for (const base64 of old) {
    const key = keyFromBase64(base64);
    if (!byId.has(key.id)) byId.set(key.id, key);
  }
  return { current: currentKey, byId };
}

// Kept on globalThis: Next.js loads this module once per bundle (instrumentation, each route), and each copy
// would otherwise read the key again and repeat the warning below.
const holder = globalThis as typeof globalThis & { __switchboardKeyring?: Keyring };

/**
 * The process's keyring: `ENCRYPTION_KEY` (+ `ENCRYPTION_KEYS_OLD`) when set; otherwise a key generated once
 * into the data folder, with a warning on every start because losing that folder loses every stored secret.
 */
export function keyring(): Keyring {
  if (holder.__switchboardKeyring) return holder.__switchboardKeyring;
  const { ENCRYPTION_KEY, ENCRYPTION_KEYS_OLD } = env();
  let current = ENCRYPTION_KEY;
  if (!current) {
    current = loadOrCreateDataSecret(GENERATED_KEY_FILE);
    logger.warn(
      `ENCRYPTION_KEY is not set: stored credentials are encrypted with a key generated into the data folder (${GENERATED_KEY_FILE}). Set ENCRYPTION_KEY (base64 of 32 bytes) in production and keep it safe.`,
    );
  }
  holder.__switchboardKeyring = buildKeyring(current, ENCRYPTION_KEYS_OLD ?? []);
  return holder.__switchboardKeyring;
}
