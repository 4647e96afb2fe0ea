import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../api/principal';
import { created } from '../audit/changes';
import { audit } from '../audit/log';
import { type Db, db as defaultDb, schema } from '../db';
import { env } from '../env';
import { AppError } from '../errors';
import { safeFilename } from './filename';
import { type IncomingFile, receiveFile } from './multipart';
import type { FileView } from './schemas';
import { sniffContentType } from './sniff';
import { spool, spoolDir } from './spool';
import { sweepStaleTempFiles } from './stale-temp';
import {
  configuredStorage,
  type FileStorage,
  localStoragePath,
  type StorageKind,
  storageFor,
} from './storage';
import { toFileView } from './view';

export interface Actor {
  principal: Principal | null;
  requestId?: string;
}

/**
 * POST /api/v1/files: streams the request's `file` part to a temporary file (hashing, counting and checking it
 * as it goes), sniffs its type, and stores it under its SHA-256. The same bytes uploaded again return the
 * existing file (`created: false`). Nothing is stored, and the temporary file is gone, when the upload is over
 * FILE_MAX_BYTES (413) or of a type that is not allowed (415).
 */
export async function uploadFile(
  req: Request,
  actor: Actor,
  options: { storage?: FileStorage; database?: Db } = {},
): Promise<{ file: FileView; created: boolean }> {
  const maxBytes = env().FILE_MAX_BYTES;
  return receiveFile(req, maxBytes, (incoming) => storeIncoming(incoming, maxBytes, actor, options));
}

async function storeIncoming(
  incoming: IncomingFile,
  maxBytes: number,
  actor: Actor,
  { storage = configuredStorage(), database = defaultDb() }: { storage?: FileStorage; database?: Db },
): Promise<{ file: FileView; created: boolean }> {
  const filename = safeFilename(incoming.filename);
  await sweepStaleTempFiles([spoolDir(), path.join(localStoragePath(), '.tmp')]);
  const spooled = await spool(incoming.stream, maxBytes);
  try {
    if (spooled.size === 0) {
      throw new AppError('invalid', 'body.file: the file is empty', [
        { path: 'body.file', message: 'the file is empty' },
      ]);
    }
    const contentType = await sniffContentType(spooled, { mimeType: incoming.mimeType, filename });
    return await database.transaction(async (tx) => {
      // Serialises this hash with a concurrent delete of the same bytes, which removes the stored object.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`file:${spooled.sha256}`}, 0))`);
      const [existing] = await tx.select().from(schema.files).where(eq(schema.files.sha256, spooled.sha256));
      const target = existing ? storageOfRow(existing.storage, storage) : storage;
      // Written (again) unless present: an object lost from storage is healed by uploading it again.
      if (!(await target.exists(spooled.sha256))) {
        await target.put(spooled.sha256, createReadStream(spooled.path), spooled.size);
      }
      if (existing) return { file: toFileView(existing), created: false };
      const [row] = await tx
        .insert(schema.files)
        .values({
          sha256: spooled.sha256,
          size: spooled.size,
          contentType,
          filename,
          storage: storage.kind,
          createdBy: actorLabel(actor.principal),
        })
        .returning();
      const file = toFileView(row!);
      await audit(
        {
          ...actor,
          action: 'file.upload',
          resourceType: 'file',
          resourceId: file.id,
          changes: created({ filename, content_type: contentType, size: file.size, sha256: file.sha256 }),
        },
        tx,
      );
      return { file, created: true };
    });
  } finally {
    await rm(spooled.path, { force: true });
  }
}

/** An existing file stays where it was written, even if STORAGE_DRIVER has changed since. */
function storageOfRow(kind: string, configured: FileStorage): FileStorage {
  return kind === configured.kind ? configured : storageFor(kind as StorageKind);
}

function actorLabel(principal: Principal | null): string | null {
  if (!principal) return null;
  return principal.kind === 'user' ? principal.email : `api key ${principal.name}`;
}
