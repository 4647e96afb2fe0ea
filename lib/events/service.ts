import { and, eq, type SQL } from 'drizzle-orm';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import { type Db, schema } from '../db';
import { withRead } from '../db/replicas';
import type { EventView } from './schemas';

const e = schema.events;

export function toEventView(row: typeof e.$inferSelect): EventView {
  return {
    id: row.id,
    source: row.source,
    source_id: row.sourceId,
    trigger_id: row.triggerId,
    event_type: row.eventType,
    payload: row.payload ?? null,
    raw: row.raw,
    status: row.status,
    error: row.error,
    occurred_at: row.occurredAt?.toISOString() ?? null,
    created_at: row.receivedAt.toISOString(),
  };
}

export async function listEvents(
  filter: {
    status?: 'accepted' | 'invalid';
    event_type?: string;
    source?: (typeof e.$inferSelect)['source'];
  },
  page: PageRequest,
  database?: Db,
): Promise<EventView[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(e.status, filter.status));
  if (filter.event_type) where.push(eq(e.eventType, filter.event_type));
  if (filter.source) where.push(eq(e.source, filter.source));
  const read = (d: Db) =>
    d
      .select()
      .from(e)
      .where(and(...where, pageCondition(e.receivedAt, e.id, page)))
      .orderBy(...pageOrder(e.receivedAt, e.id, page))
      .limit(page.limit);
  // Events are written by sources, not by the reader: a replica within REPLICA_MAX_LAG_SECONDS serves the list.
  const rows = database ? await read(database) : await withRead(read);
  return rows.map(toEventView);
}
