'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { ConsumerStateBadge } from './consumer-state-badge';

/**
 * One trigger consumer in one worker, as both `GET /api/v1/triggers/:id` (`status`) and `GET /api/health`
 * (`consumers`, which also name the trigger) report it.
 */
export interface ConsumerRow {
  worker_id: string;
  state: string;
  lag: number | null;
  last_message_at: string | null;
  last_error: string | null;
  updated_at: string;
  current: boolean;
  trigger_id?: string;
  trigger_name?: string;
  trigger_type?: string;
}

interface ConsumerStatusTableProps {
  consumers: ConsumerRow[];
  /** The table's accessible name and card title. */
  label: string;
  description: string;
  /** A "Trigger" column (the health page lists every trigger's consumers). */
  showTrigger?: boolean;
  empty: { title: string; description: string };
}

const triggerColumn: ListColumn<ConsumerRow> = {
  id: 'trigger',
  header: 'Trigger',
  className: 'font-medium text-slate-900',
  cell: (row) => (
    <>
      <Link href={`/triggers/${row.trigger_id}`} className="hover:underline">
        {row.trigger_name ?? row.trigger_id}
      </Link>{' '}
      <span className="text-xs font-normal text-slate-500">{row.trigger_type}</span>
    </>
  ),
};

const columns: ListColumn<ConsumerRow>[] = [
  { id: 'worker', header: 'Worker', className: 'font-mono text-xs', cell: (row) => row.worker_id },
  {
    id: 'state',
    header: 'State',
    cell: (row) => (
      <span className="flex items-center gap-1.5">
        <ConsumerStateBadge state={row.state} />
        {row.current ? null : <Badge tone="neutral">stale</Badge>}
      </span>
    ),
  },
  {
    id: 'lag',
    header: 'Lag',
    className: 'text-right tabular-nums',
    cell: (row) => (row.lag === null ? '—' : row.lag.toLocaleString('en-US')),
  },
  {
    id: 'last-message',
    header: 'Last message',
    cell: (row) => <DateTime value={row.last_message_at} relativeTime />,
  },
  {
    id: 'last-error',
    header: 'Last error',
    className: 'max-w-80 truncate text-red-700',
    title: (row) => row.last_error ?? undefined,
    cell: (row) => row.last_error ?? '',
  },
  { id: 'reported', header: 'Reported', cell: (row) => <DateTime value={row.updated_at} relativeTime /> },
];

/** Trigger consumers (brokers, schedules, pollers) per worker: the one table of the Health and Trigger pages. */
export function ConsumerStatusTable({
  consumers,
  label,
  description,
  showTrigger,
  empty,
}: ConsumerStatusTableProps) {
  return (
    <ListTable
      label={label}
      title={label}
      description={description}
      columns={[showTrigger && triggerColumn, ...columns]}
      rowKey={(row) => `${row.trigger_id ?? ''}/${row.worker_id}`}
      rows={consumers}
      empty={empty}
    />
  );
}
