'use client';

import { useUrlFilter } from '@/components/data/use-url-filter';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { AuditChanges } from './audit-changes';
import { AuditFilterBar } from './audit-filter-bar';
import { AUDIT_FILTERS, type AuditEntryView, useAuditLog } from './queries';

const COLUMNS: ListColumn<AuditEntryView>[] = [
  { id: 'when', header: 'When', cell: (entry) => <DateTime value={entry.created_at} relativeTime /> },
  {
    id: 'actor',
    header: 'Actor',
    className: 'max-w-56 truncate',
    title: (entry) => entry.actor_label ?? undefined,
    cell: (entry) => (
      <>
        {entry.actor_label ?? entry.actor_type}
        {entry.actor_type === 'api_key' ? (
          <span className="ml-1.5 text-xs text-slate-500">(API key)</span>
        ) : null}
      </>
    ),
  },
  {
    id: 'action',
    header: 'Action',
    cell: (entry) => <Badge tone={toneOf(entry.action)}>{entry.action}</Badge>,
  },
  {
    id: 'resource',
    header: 'Resource',
    className: 'max-w-72 truncate font-mono text-xs',
    title: (entry) => entry.resource_id ?? undefined,
    cell: (entry) => `${entry.resource_type}${entry.resource_id ? ` ${entry.resource_id}` : ''}`,
  },
  {
    id: 'reason',
    header: 'Reason',
    className: 'max-w-64 truncate text-slate-500',
    title: (entry) => reasonOf(entry),
    cell: (entry) => reasonOf(entry) ?? '',
  },
];

function toneOf(action: string) {
  if (/\.(delete|discard|revoke)$/.test(action)) return 'danger' as const;
  if (/\.(create|setup|upload)$/.test(action)) return 'success' as const;
  return 'neutral' as const;
}

function reasonOf(entry: AuditEntryView): string | undefined {
  const reason = entry.changes?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** Who changed what and when: filters kept in the URL, each entry expands to the diff of its change. */
export function AuditLogView() {
  const isAdmin = useIsAdmin();
  const [filter, setFilter] = useUrlFilter(AUDIT_FILTERS);
  const entries = useAuditLog(filter);
  const filtered = Object.keys(filter).length > 0;

  if (!isAdmin) {
    return (
      <>
        <PageHeader title="Audit log" />
        <Alert>Only administrators can read the audit log.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every configuration change and operator action: who, when, and what changed."
      />
      <AuditFilterBar filter={filter} onChange={setFilter} />
      <ListTable
        label="Audit log"
        query={entries}
        columns={COLUMNS}
        rowKey={(entry) => entry.id}
        detail={(entry) => <AuditChanges entry={entry} />}
        loadingLabel="Loading the audit log…"
        empty={{
          title: filtered ? 'No entry matches' : 'Nothing recorded yet',
          description: filtered
            ? 'Change or clear the filters to see more.'
            : 'Changes to channels, workflows, triggers, users and keys, and re-drives, discards and replays, appear here.',
        }}
      />
    </>
  );
}
