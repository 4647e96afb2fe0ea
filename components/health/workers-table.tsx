'use client';

import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import type { HealthReport } from './queries';

type Worker = HealthReport['workers']['items'][number];

const COLUMNS: ListColumn<Worker>[] = [
  { id: 'worker', header: 'Worker', className: 'font-mono text-xs text-slate-900', cell: (w) => w.worker_id },
  { id: 'host', header: 'Host', cell: (w) => w.hostname },
  { id: 'pid', header: 'PID', className: 'tabular-nums', cell: (w) => w.pid },
  { id: 'state', header: 'State', cell: (w) => w.state },
  { id: 'started', header: 'Started', cell: (w) => <DateTime value={w.started_at} /> },
  { id: 'last-seen', header: 'Last seen', cell: (w) => <DateTime value={w.last_seen_at} relativeTime /> },
  {
    id: 'live',
    header: 'Live',
    cell: (w) =>
      w.live ? (
        <Badge tone="success" dot>
          Live
        </Badge>
      ) : (
        <Badge tone="neutral">Stale</Badge>
      ),
  },
];

export function WorkersTable({ workers }: { workers: Worker[] }) {
  return (
    <ListTable
      label="Worker processes"
      title="Worker processes"
      description="Every worker that sent a heartbeat in the last 24 hours."
      rows={workers}
      columns={COLUMNS}
      rowKey={(w) => w.worker_id}
      empty={{
        title: 'No workers',
        description: (
          <>
            No worker has sent a heartbeat. Start one with <code className="font-mono">npm run worker</code>.
          </>
        ),
      }}
    />
  );
}
