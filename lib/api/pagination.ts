import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from './errors';

export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export interface Cursor {
  createdAt: Date;
  id: string;
}

/** Opaque keyset cursor over (created_at desc, id desc): stable under inserts, unlike offsets. */
export function encodeCursor(cursor: { createdAt: Date | string; id: string }): string {
  const at = typeof cursor.createdAt === 'string' ? cursor.createdAt : cursor.createdAt.toISOString();
  return Buffer.from(JSON.stringify([at, cursor.id])).toString('base64url');
}

/** `idSchema`: what a row id looks like (UUIDs; the audit log's ids are digits). */
export function decodeCursor(
  value: string | undefined,
  idSchema: z.ZodType<string> = z.uuid(),
): Cursor | undefined {
  if (!value) return undefined;
  try {
    const [at, id] = z
      .tuple([z.iso.datetime(), idSchema])
      .parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return { createdAt: new Date(at), id };
  } catch {
    throw new AppError('malformed', 'cursor is not valid; pass next_cursor from a previous page', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  }
}

/**
 * The rows after `cursor` in the keyset order (`newestFirst`), as one row comparison, `(created_at, id) <
 * cursor`: an index scan starts at the cursor. (The equivalent `created_at < x OR (created_at = x AND id < y)`
 * cannot bound an index scan, so a page deep in a list read every row before it.) Without a cursor (the first
 * page) there is no condition; `and()` and `.where()` skip an undefined one.
 */
export function olderThan(
  createdAt: AnyColumn,
  id: AnyColumn,
  cursor: { createdAt: Date | string; id: string } | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const at = typeof cursor.createdAt === 'string' ? cursor.createdAt : cursor.createdAt.toISOString();
  return sql`(${createdAt}, ${id}) < (${at}::timestamptz, ${cursor.id})`;
}

/**
 * The keyset order the cursor walks, newest first, spread into `.orderBy()`. In the direction the indexes are
 * built: drizzle-kit writes `.desc()` as `DESC NULLS LAST`, and PostgreSQL uses an index for an ORDER BY only
 * when the NULLS placement matches too (a plain `DESC` means NULLS FIRST, even on a NOT NULL column); with a
 * plain `DESC` every page sorted the whole filtered set.
 */
export function newestFirst(createdAt: AnyColumn, id: AnyColumn): [SQL, SQL] {
  return [sql`${createdAt} DESC NULLS LAST`, sql`${id} DESC NULLS LAST`];
}

/** Fetch `limit + 1` rows, then call this to build `{data, next_cursor}`. */
export function page<T extends { id: string; created_at: string }>(rows: T[], limit: number) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    next_cursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
