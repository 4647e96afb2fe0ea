import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { PageRequest } from '../api/pagination';
import { type Db, schema } from '../db';
import { messageConditions, positionCondition, positionOrder, searchCondition } from './list-query';
import type { MessageFilter } from './schemas';

const m = schema.messages;
type MessageRow = typeof m.$inferSelect;

/** How many of the newest rows (of the other filters) the first phase reads. */
export const SEARCH_WINDOW = 5000;

const NEWEST_FIRST = sql.raw('DESC NULLS LAST');
const OLDEST_FIRST = sql.raw('ASC NULLS FIRST');

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
 * The page is the one a single query would give: the newest `limit` matches after the cursor. A page before
 * `before` runs the same phases the other way (the oldest rows newer than the cursor, upwards), in the order
 * `positionOrder` gives.
 */
export async function searchMessageRows(
  d: Db,
  filter: MessageFilter & { q: string },
  page: PageRequest,
): Promise<MessageRow[]> {
  const others = messageConditions({ ...filter, q: undefined });
  const matches = searchCondition(filter.q);
  // The direction the page is read in, and its reverse (which finds the last row phase 1 read).
  const [dir, back] = page.before ? [OLDEST_FIRST, NEWEST_FIRST] : [NEWEST_FIRST, OLDEST_FIRST];
  const { rows } = await d.execute<{
    hits: string[] | null;
    scanned: number;
    last_at: string;
    last_id: string;
  }>(sql`
    WITH scanned AS MATERIALIZED (
      SELECT ${m.id} AS id, ${m.createdAt} AS created_at, ${matches} AS hit
      FROM ${m} WHERE ${and(sql`true`, ...others, positionCondition(page))}
      ORDER BY ${sql.join(positionOrder(page), sql`, `)} LIMIT ${SEARCH_WINDOW}
    ),
    last AS (SELECT created_at, id FROM scanned ORDER BY created_at ${back}, id ${back} LIMIT 1)
    SELECT (SELECT array_agg(h.id::text ORDER BY h.created_at ${dir}, h.id ${dir})
              FROM (SELECT id, created_at FROM scanned WHERE hit
                    ORDER BY created_at ${dir}, id ${dir} LIMIT ${page.limit}) h) AS hits,
           (SELECT count(*)::int FROM scanned) AS scanned,
           (SELECT created_at FROM last) AS last_at, (SELECT id FROM last) AS last_id`);
  const first = rows[0]!;
  const ids = first.hits ?? [];
  if (ids.length < page.limit && first.scanned === SEARCH_WINDOW) {
    // As PostgreSQL wrote it (drizzle leaves timestamps as text): read back exactly.
    const boundary = { createdAt: first.last_at, id: first.last_id };
    const beyond = positionCondition(page.before ? { before: boundary } : { cursor: boundary })!;
    ids.push(...(await furtherMatches(d, [...others, matches, beyond], dir, page.limit - ids.length)));
  }
  if (ids.length === 0) return [];
  return d
    .select()
    .from(m)
    .where(inArray(m.id, ids))
    .orderBy(...positionOrder(page));
}

/**
 * The first `limit` rows meeting `where` in the page's direction, from every match (GIN), not from a walk of the
 * newest-first index.
 */
async function furtherMatches(d: Db, where: SQL[], dir: SQL, limit: number): Promise<string[]> {
  const { rows } = await d.execute<{ id: string }>(sql`
    WITH found AS MATERIALIZED (SELECT ${m.id} AS id, ${m.createdAt} AS created_at FROM ${m} WHERE ${and(...where)})
    SELECT id FROM found ORDER BY created_at ${dir}, id ${dir} LIMIT ${limit}`);
  return rows.map((r) => r.id);
}
