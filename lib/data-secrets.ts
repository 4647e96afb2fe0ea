import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from './env';

/**
 * Reads a secret that Switchboard generated into the data folder, creating it on first use.
 * Creation uses O_EXCL, so when web and worker start at the same moment exactly one of them
 * writes the file and both end up with the same value. The file is readable by its owner only.
 */
export function loadOrCreateDataSecret(fileName: string, bytes = 32, dir = dataDir()): string {
  const file = path.join(dir, fileName);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(bytes).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const value = readFileSync(file, 'utf8').trim();
  if (!value) throw new Error(`${file} is empty; delete it to generate a new secret`);
  return value;
}

export function dataSecretPath(fileName: string): string {
  return path.join(dataDir(), fileName);
}
