import { type AnyColumn, and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
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

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  try {
    const [at, id] = z
      .tuple([z.iso.datetime(), z.uuid()])
      .parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return { createdAt: new Date(at), id };
  } catch {
    throw new AppError('malformed', 'cursor is not valid; pass next_cursor from a previous page', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  }
}

/**
 * The rows after `cursor` in the keyset order (`newestFirst`): `(created_at, id) < cursor`. Without a cursor
 * (the first page) there is no condition; `and()` and `.where()` skip an undefined one.
 */
export function olderThan(createdAt: AnyColumn, id: AnyColumn, cursor: Cursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  return or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id)));
}

/** The keyset order the cursor walks: created_at desc, id desc. Spread into `.orderBy()`. */
export function newestFirst(createdAt: AnyColumn, id: AnyColumn): [SQL, SQL] {
  return [desc(createdAt), desc(id)];
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
