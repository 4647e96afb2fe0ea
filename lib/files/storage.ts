import path from 'node:path';
import { dataDir, env } from '../env';
import { LocalStorage } from './local-storage';
import { S3Storage } from './s3-storage';
import type { FileStorage, StorageKind } from './storage-driver';

export { FileMissingError, type FileStorage, type StorageKind, shardedKey } from './storage-driver';

/** The local driver's folder: STORAGE_PATH, else `<DATA_DIR>/files`. */
export function localStoragePath(): string {
  const configured = env().STORAGE_PATH;
  return configured ? path.resolve(configured) : path.join(dataDir(), 'files');
}

const drivers = new Map<StorageKind, FileStorage>();

/**
 * The driver for files stored under `kind`. A row keeps the kind it was written with, so files uploaded before
 * STORAGE_DRIVER changed are still read from where they are.
 */
export function storageFor(kind: StorageKind): FileStorage {
  let driver = drivers.get(kind);
  if (!driver) {
    driver = kind === 'local' ? new LocalStorage(localStoragePath()) : S3Storage.fromEnv(env());
    drivers.set(kind, driver);
  }
  return driver;
}

/** Where new uploads go (STORAGE_DRIVER). */
export function configuredStorage(): FileStorage {
  return storageFor(env().STORAGE_DRIVER);
}
