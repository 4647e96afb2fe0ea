'use client';

import { useIsAdmin } from '@/components/layout/viewer-context';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import type { ApiKeyView } from '@/lib/api-keys/schemas';
import { useApiKeys } from './queries';
import { RevokeApiKeyButton } from './revoke-api-key-button';

const COLUMNS: ListColumn<ApiKeyView>[] = [
  { id: 'name', header: 'Name', className: 'font-medium text-slate-900', cell: (key) => key.name },
  { id: 'key', header: 'Key', className: 'font-mono text-xs', cell: (key) => `${key.prefix}…` },
  {
    id: 'scope',
    header: 'Scope',
    cell: (key) => <Badge tone={key.scope === 'admin' ? 'warning' : 'neutral'}>{key.scope}</Badge>,
  },
  { id: 'created', header: 'Created', cell: (key) => <DateTime value={key.created_at} /> },
  {
    id: 'last-used',
    header: 'Last used',
    cell: (key) => <DateTime value={key.last_used_at} empty="never" />,
  },
  {
    id: 'status',
    header: 'Status',
    cell: (key) =>
      key.revoked_at ? (
        <Badge tone="neutral">Revoked</Badge>
      ) : (
        <Badge tone="success" dot>
          Active
        </Badge>
      ),
  },
];

export function ApiKeysTable() {
  const isAdmin = useIsAdmin();
  const keys = useApiKeys();
  return (
    <ListTable
      label="API keys"
      query={keys}
      columns={[
        ...COLUMNS,
        isAdmin && {
          id: 'actions',
          header: <span className="sr-only">Actions</span>,
          className: 'text-right',
          cell: (key) => (key.revoked_at ? null : <RevokeApiKeyButton apiKey={key} />),
        },
      ]}
      rowKey={(key) => key.id}
      loadingLabel="Loading API keys…"
      empty={{
        title: 'No API keys yet',
        description: isAdmin
          ? 'Services send events to Switchboard with an API key in the Authorization header. Create one above.'
          : 'Services send events to Switchboard with an API key in the Authorization header. An admin creates them.',
      }}
    />
  );
}
