import { eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { newestFirst, olderThan, type PagePosition, pageCondition, pageOrder } from '../api/pagination';
import { schema } from '../db';
import type { MessageFilter, MessageStatus } from './schemas';
import { statusCondition } from './status';

const m = schema.messages;

/**
 * The SQL of the Messages list (GET /api/v1/messages), written so that every filter is answered from an index in
 * the list's order, whatever the table's size (docs/architecture.md, "Messages list and stats at scale").
 */

/** Newest first, in the direction the indexes are built (see `newestFirst`). */
export const LIST_ORDER: SQL[] = newestFirst(m.createdAt, m.id);

/** The rows after `cursor` in LIST_ORDER (see `olderThan`). */
export function afterCursor(cursor: { createdAt: Date | string; id: string } | undefined): SQL | undefined {
  return olderThan(m.createdAt, m.id, cursor);
}

/** A page's keyset condition: after `cursor`, or before `before` (see `pageCondition`). */
export function positionCondition(position: PagePosition): SQL | undefined {
  return pageCondition(m.createdAt, m.id, position);
}

/** The order a page is read in: LIST_ORDER, reversed for a page before `before` (read from the cursor up). */
export function positionOrder(position: PagePosition): SQL[] {
  return pageOrder(m.createdAt, m.id, position);
}

/**
 * Full-text search: `q` in web-search syntax (words are ANDed, `"a phrase"`, `or`, `-word`), matched against the
 * generated `search` tsvector (recipient, subject and body under the `simple` configuration: lower-cased whole
 * words, no stemming; an e-mail address or URL is one word) through its GIN index.
 */
export function searchCondition(q: string): SQL {
  return sql`${m.search} @@ websearch_to_tsquery('simple', ${q})`;
}

/** The filter's conditions (ANDed by the caller); `statuses` is the bulk re-drive's name for `status`. */
export function messageConditions(filter: Partial<MessageFilter> & { statuses?: string[] }): SQL[] {
  const where: SQL[] = [];
  const statuses = filter.status ?? filter.statuses;
  const byStatus = statuses?.length ? statusCondition(statuses as MessageStatus[]) : undefined;
  if (byStatus) where.push(byStatus);
  if (filter.channel_id) where.push(eq(m.channelId, filter.channel_id));
  if (filter.workflow_id) where.push(eq(m.workflowId, filter.workflow_id));
  if (filter.from) where.push(gte(m.createdAt, new Date(filter.from)));
  if (filter.to) where.push(lt(m.createdAt, new Date(filter.to)));
  if (filter.q) where.push(searchCondition(filter.q));
  return where;
}
