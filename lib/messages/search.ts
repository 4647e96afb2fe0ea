import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { Cursor } from '../api/pagination';
import { type Db, schema } from '../db';
import { afterCursor, LIST_ORDER, messageConditions, searchCondition } from './list-query';
import type { MessageFilter } from './schemas';

const m = schema.messages;
type MessageRow = typeof m.$inferSelect;

/** How many of the newest rows (of the other filters) the first phase reads. */
export const SEARCH_WINDOW = 5000;

const orderBy = sql.join(LIST_ORDER, sql`, `);

/**
 * A page of the list with a full-text search. PostgreSQL's planner picks between walking the newest-first index
 * (checking each row against the search) and the GIN index (every match, then sorted) from the word's share of
 * the whole table, which says nothing about where the matches are: a word that was common three weeks ago (a
 * campaign, a retired workflow) but is absent since made it walk 700,000 rows (3.5 s). So the search runs in two
 * bounded phases, whatever the statistics say:
 *
 * 1. the newest SEARCH_WINDOW rows after the cursor (other filters applied) are checked: a word in 1 % of recent
 *    messages fills the page here;
 * 2. otherwise the rest of the page comes from the GIN index: every match older than the last row phase 1 read
 *    (a materialised set, so it cannot become a walk), the newest of them.
 *
 * The page is the one a single query would give: the newest `limit` matches after the cursor.
 */
export async function searchMessageRows(
  d: Db,
  filter: MessageFilter & { q: string },
  page: { limit: number; cursor?: Cursor },
): Promise<MessageRow[]> {
  const others = messageConditions({ ...filter, q: undefined });
  const matches = searchCondition(filter.q);
  const { rows } = await d.execute<{
    hits: string[] | null;
    scanned: number;
    last_at: string;
    last_id: string;
  }>(sql`
    WITH scanned AS MATERIALIZED (
      SELECT ${m.id} AS id, ${m.createdAt} AS created_at, ${matches} AS hit
      FROM ${m} WHERE ${and(sql`true`, ...others, afterCursor(page.cursor))}
      ORDER BY ${orderBy} LIMIT ${SEARCH_WINDOW}
    ),
    oldest AS (SELECT created_at, id FROM scanned ORDER BY created_at ASC NULLS FIRST, id ASC NULLS FIRST LIMIT 1)
    SELECT (SELECT array_agg(h.id::text ORDER BY h.created_at DESC, h.id DESC)
              FROM (SELECT id, created_at FROM scanned WHERE hit
                    ORDER BY created_at DESC NULLS LAST, id DESC NULLS LAST LIMIT ${page.limit}) h) AS hits,
           (SELECT count(*)::int FROM scanned) AS scanned,
           (SELECT created_at FROM oldest) AS last_at, (SELECT id FROM oldest) AS last_id`);
  const first = rows[0]!;
  const ids = first.hits ?? [];
  if (ids.length < page.limit && first.scanned === SEARCH_WINDOW) {
    // As PostgreSQL wrote it (drizzle leaves timestamps as text): read back exactly.
    const boundary = { createdAt: first.last_at, id: first.last_id };
    ids.push(
      ...(await olderMatches(d, [...others, matches, afterCursor(boundary)!], page.limit - ids.length)),
    );
  }
  if (ids.length === 0) return [];
  return d
    .select()
    .from(m)
    .where(inArray(m.id, ids))
    .orderBy(...LIST_ORDER);
}

/** The newest `limit` rows meeting `where`, from every match (GIN), not from a walk of the newest-first index. */
async function olderMatches(d: Db, where: SQL[], limit: number): Promise<string[]> {
  const { rows } = await d.execute<{ id: string }>(sql`
    WITH found AS MATERIALIZED (SELECT ${m.id} AS id, ${m.createdAt} AS created_at FROM ${m} WHERE ${and(...where)})
    SELECT id FROM found ORDER BY created_at DESC, id DESC LIMIT ${limit}`);
  return rows.map((r) => r.id);
}
