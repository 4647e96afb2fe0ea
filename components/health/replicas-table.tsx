'use client';

import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import type { HealthReport } from './queries';

type Replica = HealthReport['replicas'][number];

const STATE_BADGES: Record<
  Replica['state'],
  { tone: 'success' | 'warning' | 'danger' | 'neutral'; label: string }
> = {
  up: { tone: 'success', label: 'Up' },
  lagging: { tone: 'warning', label: 'Lagging' },
  down: { tone: 'danger', label: 'Down' },
  unknown: { tone: 'neutral', label: 'Not checked yet' },
};

function formatLag(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${seconds.toFixed(1)} s`;
}

/**
 * Read replicas as the web process last checked them. A replica that is down or lags more than
 * REPLICA_MAX_LAG_SECONDS serves nothing until it recovers; the primary answers instead.
 */
const COLUMNS: ListColumn<Replica>[] = [
  { id: 'replica', header: 'Replica', className: 'font-mono text-xs text-slate-900', cell: (r) => r.url },
  {
    id: 'state',
    header: 'State',
    cell: (r) => (
      <Badge tone={STATE_BADGES[r.state].tone} dot>
        {STATE_BADGES[r.state].label}
      </Badge>
    ),
  },
  { id: 'lag', header: 'Lag', className: 'text-right tabular-nums', cell: (r) => formatLag(r.lag_seconds) },
  {
    id: 'checked',
    header: 'Checked',
    cell: (r) => (r.checked_at ? <DateTime value={r.checked_at} relativeTime /> : '—'),
  },
  {
    id: 'error',
    header: 'Error',
    className: 'max-w-96 truncate text-red-700',
    title: (r) => r.error ?? undefined,
    cell: (r) => r.error ?? '',
  },
];

export function ReplicasTable({ replicas }: { replicas: HealthReport['replicas'] }) {
  return (
    <ListTable
      label="Read replicas"
      title="Read replicas"
      description="Message and event lists, details and stats read from a healthy replica. They do not affect readiness."
      rows={replicas}
      columns={COLUMNS}
      rowKey={(r) => r.url}
      empty={{
        title: 'No read replicas',
        description: 'Set DATABASE_REPLICA_URLS to spread the console’s reads.',
      }}
    />
  );
}
