import { and, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import { type Db, schema } from '../db';
import { withRead } from '../db/replicas';
import type { AuditEntryView, AuditLogFilter } from './schemas';

const a = schema.auditLog;
type AuditRow = typeof a.$inferSelect;

export function toAuditEntryView(row: AuditRow): AuditEntryView {
  return {
    id: String(row.id),
    actor_type: row.actorType as AuditEntryView['actor_type'],
    actor_id: row.actorId,
    actor_label: row.actorLabel,
    action: row.action,
    resource_type: row.resourceType,
    resource_id: row.resourceId,
    changes: row.changes ?? null,
    request_id: row.requestId,
    created_at: row.createdAt.toISOString(),
  };
}

/** `%` and `_` typed by the user are literal characters, not patterns. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(filter: AuditLogFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.actor)
    where.push(or(eq(a.actorId, filter.actor), ilike(a.actorLabel, `%${literal(filter.actor)}%`))!);
  if (filter.action) where.push(eq(a.action, filter.action));
  if (filter.resource_type) where.push(eq(a.resourceType, filter.resource_type));
  if (filter.resource_id) where.push(eq(a.resourceId, filter.resource_id));
  if (filter.from) where.push(gte(a.createdAt, new Date(filter.from)));
  if (filter.to) where.push(lt(a.createdAt, new Date(filter.to)));
  return where;
}

/**
 * The rows of a page (`PageRequest`) for `listPage()`: newest first, oldest first before `before`. Reads a healthy
 * replica when there is one.
 */
export async function listAuditLog(
  filter: AuditLogFilter,
  page: PageRequest,
  database?: Db,
): Promise<AuditEntryView[]> {
  const read = (d: Db) =>
    d
      .select()
      .from(a)
      .where(and(...conditions(filter), pageCondition(a.createdAt, a.id, page)))
      .orderBy(...pageOrder(a.createdAt, a.id, page))
      .limit(page.limit);
  const rows = database ? await read(database) : await withRead(read);
  return rows.map(toAuditEntryView);
}
