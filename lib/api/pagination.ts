import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from './errors';

export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe("the page after this one: a page's `next_cursor`"),
  before: z.string().max(200).optional().describe("the page before this one: a page's `prev_cursor`"),
});

export interface Cursor {
  createdAt: Date;
  id: string;
}

/**
 * Where a page starts: after `cursor` (the older rows, "Next"), before `before` (the newer rows, "Previous"), or
 * at the newest row when neither is given. A list function reads `limit` rows from there in the scan's direction
 * (`pageCondition`, `pageOrder`): newest first after `cursor`, oldest first before `before`; `listPage` turns
 * them into the page.
 */
export interface PageRequest {
  limit: number;
  cursor?: Cursor;
  before?: Cursor;
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

/** `cursor` and `before` of a list's query, decoded; at most one of them. */
export function decodePosition(
  query: { cursor?: string; before?: string },
  idSchema?: z.ZodType<string>,
): Pick<PageRequest, 'cursor' | 'before'> {
  if (query.cursor && query.before) {
    throw new AppError('malformed', 'pass either cursor or before, not both', [
      { path: 'query.before', message: 'cannot be combined with cursor' },
    ]);
  }
  if (!query.before) return { cursor: decodeCursor(query.cursor, idSchema) };
  try {
    return { before: decodeCursor(query.before, idSchema) };
  } catch {
    throw new AppError('malformed', 'before is not valid; pass prev_cursor from a previous page', [
      { path: 'query.before', message: 'invalid cursor' },
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

/** The rows before `cursor` in the keyset order: `(created_at, id) > cursor`, the mirror of `olderThan`. */
export function newerThan(
  createdAt: AnyColumn,
  id: AnyColumn,
  cursor: { createdAt: Date | string; id: string } | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const at = typeof cursor.createdAt === 'string' ? cursor.createdAt : cursor.createdAt.toISOString();
  return sql`(${createdAt}, ${id}) > (${at}::timestamptz, ${cursor.id})`;
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

/**
 * The exact reverse of `newestFirst` (`ASC NULLS FIRST`): a page before a cursor reads the same index
 * backwards, from the cursor up.
 */
export function oldestFirst(createdAt: AnyColumn, id: AnyColumn): [SQL, SQL] {
  return [sql`${createdAt} ASC NULLS FIRST`, sql`${id} ASC NULLS FIRST`];
}

/** A page's start, `PageRequest`'s `cursor` or `before`; the timestamp may be PostgreSQL's text of it. */
export interface PagePosition {
  cursor?: { createdAt: Date | string; id: string };
  before?: { createdAt: Date | string; id: string };
}

/** The page's keyset condition: older than `cursor`, newer than `before`, none on the first page. */
export function pageCondition(createdAt: AnyColumn, id: AnyColumn, position: PagePosition): SQL | undefined {
  return position.before
    ? newerThan(createdAt, id, position.before)
    : olderThan(createdAt, id, position.cursor);
}

/** The order a page's rows are read in: newest first, but oldest first before `before` (from the cursor up). */
export function pageOrder(createdAt: AnyColumn, id: AnyColumn, position: PagePosition): [SQL, SQL] {
  return position.before ? oldestFirst(createdAt, id) : newestFirst(createdAt, id);
}

export interface Page<T> {
  data: T[];
  /** The next (older) page's `cursor`; null on the last page. */
  next_cursor: string | null;
  /** The previous (newer) page's `before`; null on the first page. */
  prev_cursor: string | null;
}

const cursorOf = (row: { id: string; created_at: string }) =>
  encodeCursor({ createdAt: row.created_at, id: row.id });

/**
 * A page of a keyset list, `{data, next_cursor, prev_cursor}`, newest first. `list` reads `limit` rows of the
 * request in the scan's direction (`pageCondition`, `pageOrder`); this asks it for one more than the page, to
 * know whether there is a page beyond.
 */
export function listPage<T extends { id: string; created_at: string }>(
  query: { limit: number; cursor?: string; before?: string },
  list: (request: PageRequest) => Promise<T[]>,
  idSchema?: z.ZodType<string>,
): Promise<Page<T>> {
  return keysetPage(query, decodePosition(query, idSchema), list, cursorOf);
}

/**
 * `listPage` over any keyset (`C`: a decoded cursor; `cursorOf` encodes a row's). A page before `before` that
 * would come out short has reached the newest rows: it is the first page then, read afresh, so Previous always
 * ends on a full first page.
 */
export async function keysetPage<T, C>(
  query: { limit: number; cursor?: string },
  position: { cursor?: C; before?: C },
  list: (request: { limit: number; cursor?: C; before?: C }) => Promise<T[]>,
  cursorOf: (row: T) => string,
): Promise<Page<T>> {
  const { limit } = query;
  const rows = await list({ limit: limit + 1, ...position });
  const data = rows.slice(0, limit);
  if (position.before === undefined) {
    const first = data[0];
    const last = data.at(-1);
    return {
      data,
      next_cursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
      // Newer rows exist when a cursor was given: the previous page's, down to the row it ended on.
      prev_cursor: query.cursor ? (first !== undefined ? cursorOf(first) : query.cursor) : null,
    };
  }
  if (data.length < limit) return keysetPage({ limit }, {}, list, cursorOf);
  data.reverse();
  return {
    data,
    // The row `before` points at is older than this page: there is a next page.
    next_cursor: cursorOf(data.at(-1)!),
    prev_cursor: rows.length > limit ? cursorOf(data[0]!) : null,
  };
}
