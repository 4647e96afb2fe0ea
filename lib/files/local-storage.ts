import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileMissingError, type FileStorage, shardedKey } from './storage-driver';

/**
 * Files on the local disk under `root/ab/cd/<sha256>`. A put writes `root/.tmp/<uuid>` (flushed to disk) and
 * renames it into place: a rename within one filesystem is atomic, so a crash never leaves a half-written file
 * under its final name, and readers see either nothing or the whole file.
 */
export class LocalStorage implements FileStorage {
  readonly kind = 'local';
  readonly tempDir: string;

  constructor(readonly root: string) {
    this.tempDir = path.join(root, '.tmp');
  }

  pathOf(key: string): string {
    return path.join(this.root, shardedKey(key));
  }

  async put(key: string, body: Readable | Buffer): Promise<void> {
    const final = this.pathOf(key);
    await Promise.all([
      mkdir(this.tempDir, { recursive: true }),
      mkdir(path.dirname(final), { recursive: true }),
    ]);
    const temp = path.join(this.tempDir, randomUUID());
    try {
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, createWriteStream(temp, { flags: 'wx', flush: true }));
      await rename(temp, final);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    // Opening first turns a missing file into FileMissingError here rather than an error event later.
    if (!(await this.exists(key))) throw new FileMissingError(key);
    return createReadStream(file);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
