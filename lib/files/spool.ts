import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dataDir } from '../env';
import { AppError } from '../errors';

/** An upload written to a temporary file, with what was learnt while it streamed past. */
export interface Spooled {
  path: string;
  size: number;
  sha256: string;
  /** Valid UTF-8 without NUL bytes: the only uploads that may be accepted as text. */
  text: boolean;
}

/** Where uploads are written while they arrive: `<DATA_DIR>/uploads`, emptied as each upload finishes. */
export function spoolDir(): string {
  return path.join(dataDir(), 'uploads');
}

/**
 * Streams `source` into a temporary file, counting, hashing and checking UTF-8 on the way, and stops as soon as
 * it passes `maxBytes` (413). On any failure the temporary file is removed; on success the caller removes it.
 */
export async function spool(source: Readable, maxBytes: number): Promise<Spooled> {
  const dir = spoolDir();
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, randomUUID());
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let text = true;
  const inspect = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        callback(new AppError('too_large', `the file exceeds the upload limit of ${maxBytes} bytes`));
        return;
      }
      hash.update(chunk);
      if (text) {
        try {
          decoder.decode(chunk, { stream: true });
          if (chunk.includes(0)) text = false;
        } catch {
          text = false;
        }
      }
      callback(null, chunk);
    },
    flush(callback) {
      if (text) {
        try {
          decoder.decode();
        } catch {
          text = false;
        }
      }
      callback();
    },
  });
  try {
    await pipeline(source, inspect, createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { path: file, size, sha256: hash.digest('hex'), text };
}
