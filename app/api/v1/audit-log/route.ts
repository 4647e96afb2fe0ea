import { json, withApi } from '@/lib/api/handler';
import { decodeCursor, page } from '@/lib/api/pagination';
import { AUDIT_ID, listAuditLogQuery } from '@/lib/audit/schemas';
import { listAuditLog } from '@/lib/audit/service';

/** Who changed what, newest first: admins only (entries name people and show configuration). */
export const GET = withApi({ access: 'admin', query: listAuditLogQuery }, async ({ query }) => {
  const { limit, cursor, ...filter } = query;
  const rows = await listAuditLog(filter, { limit: limit + 1, cursor: decodeCursor(cursor, AUDIT_ID) });
  return json(page(rows, limit));
});
