import { usePagedList } from '@/components/data/use-paged-list';
import type { UrlFilter } from '@/components/data/use-url-filter';
import type { AuditEntryView } from '@/lib/audit/schemas';

export type { AuditEntryView };

/** GET /api/v1/audit-log's filters, as the page keeps them in its URL. */
export const AUDIT_FILTERS = ['actor', 'action', 'resource_type', 'resource_id', 'from', 'to'] as const;
export type AuditFilter = UrlFilter<(typeof AUDIT_FILTERS)[number]>;

export const auditKeys = {
  all: ['audit-log'] as const,
  list: (filter: AuditFilter) => [...auditKeys.all, 'list', filter] as const,
};

/** Who changed what, newest first (admins only). */
export function useAuditLog(filter: AuditFilter) {
  return usePagedList<AuditEntryView>({
    queryKey: auditKeys.list(filter),
    path: '/api/v1/audit-log',
    params: filter,
  });
}
