import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import { deleted } from '../audit/changes';
import { audit } from '../audit/log';
import { type Db, db as defaultDb, schema } from '../db';
import { readDb } from '../db/replicas';
import { AppError } from '../errors';
import type { FileView } from './schemas';
import { FileMissingError, type StorageKind, storageFor } from './storage';
import type { Actor } from './upload';
import { type FileRow, toFileView } from './view';

const { files } = schema;

/** The rows of a page (`PageRequest`) for `listPage()`: newest first, oldest first before `before`. */
export async function listFiles(options: PageRequest, database: Db = readDb()) {
  const rows = await database
    .select()
    .from(files)
    .where(pageCondition(files.createdAt, files.id, options))
    .orderBy(...pageOrder(files.createdAt, files.id, options))
    .limit(options.limit);
  return rows.map(toFileView);
}

export async function getFile(id: string, database: Pick<Db, 'select'> = readDb()): Promise<FileView> {
  return toFileView(await getFileRow(id, database));
}

export async function getFileRow(id: string, database: Pick<Db, 'select'> = readDb()): Promise<FileRow> {
  const [row] = await database.select().from(files).where(eq(files.id, id));
  if (!row) throw notFound(id);
  return row;
}

/** The file's row and its bytes as a stream; 404 when either is gone. */
export async function openFileContent(id: string): Promise<{ file: FileView; stream: Readable }> {
  const row = await getFileRow(id);
  try {
    return { file: toFileView(row), stream: await storageFor(row.storage as StorageKind).get(row.sha256) };
  } catch (error) {
    if (error instanceof FileMissingError)
      throw new AppError('not_found', `the bytes of file ${id} are missing from ${row.storage} storage`);
    throw error;
  }
}

/**
 * Deletes a file and its stored bytes. Refused (409) while a workflow's send step attaches it or a message that
 * is still to be sent carries it: deleting it would turn those sends into failures. Messages already sent keep
 * their reference, which the console shows as a file that no longer exists.
 */
export async function deleteFile(id: string, actor: Actor, database: Db = defaultDb()): Promise<void> {
  await database.transaction(async (tx) => {
    const [row] = await tx.select().from(files).where(eq(files.id, id)).for('update');
    if (!row) throw notFound(id);
    // The same lock an upload of these bytes takes, so it cannot re-use the row while the object goes.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`file:${row.sha256}`}, 0))`);
    const users = await referencingWorkflows(tx, id);
    if (users.length) {
      throw new AppError(
        'conflict',
        `file ${id} is attached in workflow(s) ${users.join(', ')}; remove it from their send steps first`,
      );
    }
    if (await hasPendingMessages(tx, id)) {
      throw new AppError('conflict', `file ${id} is attached to messages that are still to be sent`);
    }
    await tx.delete(files).where(eq(files.id, id));
    await audit(
      {
        ...actor,
        action: 'file.delete',
        resourceType: 'file',
        resourceId: id,
        changes: deleted({ filename: row.filename, sha256: row.sha256 }),
      },
      tx,
    );
    // Inside the transaction: should removing the object fail, the row stays and the delete can be repeated.
    await storageFor(row.storage as StorageKind).delete(row.sha256);
  });
}

type Executor = Pick<Db, 'execute'>;

async function referencingWorkflows(tx: Executor, id: string): Promise<string[]> {
  const pattern = JSON.stringify([{ attachments: [{ file_id: id }] }]);
  const result = await tx.execute<{ key: string }>(
    sql`select key from workflows where steps @> ${pattern}::jsonb order by key limit 10`,
  );
  return result.rows.map((row) => row.key);
}

async function hasPendingMessages(tx: Executor, id: string): Promise<boolean> {
  const pattern = JSON.stringify({ attachments: [{ file_id: id }] });
  // Only unsent messages: the status index keeps this to the (short) queue, not the whole history.
  const result = await tx.execute(
    sql`select 1 from messages where status in ('queued', 'retrying', 'sending')
          and content @> ${pattern}::jsonb limit 1`,
  );
  return result.rows.length > 0;
}

function notFound(id: string): AppError {
  return new AppError('not_found', `no file with id ${id}`);
}
