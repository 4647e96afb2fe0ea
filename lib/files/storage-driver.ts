import type { Readable } from 'node:stream';

export type StorageKind = 'local' | 's3';

/**
 * Where file bytes live. Keys are the content's hex SHA-256: the same bytes always land under the same key, so a
 * put is idempotent and needs no coordination beyond the row that names the file.
 */
export interface FileStorage {
  readonly kind: StorageKind;
  /** Stores `body` under `key`; `size` is required for a stream (S3 needs the length up front). */
  put(key: string, body: Readable | Buffer, size?: number): Promise<void>;
  /** The bytes as a stream; throws `FileMissingError` when nothing is stored under `key`. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export class FileMissingError extends Error {
  override name = 'FileMissingError';
  constructor(readonly key: string) {
    super(`no stored bytes under ${key}`);
  }
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** `ab/cd/abcd…`: two levels of 256 folders keep directory listings short on the local driver. */
export function shardedKey(sha256: string): string {
  if (!HEX_SHA256.test(sha256)) throw new Error(`not a hex SHA-256: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
