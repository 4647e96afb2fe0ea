import type { Metadata } from 'next';
import { AuditLogView } from '@/components/audit/audit-log-view';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

/** The filters are read from the URL by the view itself (components/data/use-url-filter.ts). */
export default function AuditLogPage() {
  return <AuditLogView />;
}
