import { json, withApi } from '@/lib/api/handler';
import { listPage } from '@/lib/api/pagination';
import { AUDIT_ID, listAuditLogQuery } from '@/lib/audit/schemas';
import { listAuditLog } from '@/lib/audit/service';

/** Who changed what, newest first: admins only (entries name people and show configuration). */
export const GET = withApi({ access: 'admin', query: listAuditLogQuery }, async ({ query }) => {
  const { limit, cursor, before, ...filter } = query;
  return json(
    await listPage({ limit, cursor, before }, (request) => listAuditLog(filter, request), AUDIT_ID),
  );
});
