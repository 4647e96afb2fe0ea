'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, type ListQuery, ListTable } from '@/components/ui/list-table';
import { useNameLookups } from './lookups';
import { MessageStatusBadge } from './message-status-badge';
import type { MessageView } from './queries';

type Lookups = ReturnType<typeof useNameLookups>;

function snippet(message: MessageView): string {
  const text = message.subject || message.body || '';
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** The message list's columns (exported so a page can add its own, e.g. a selection checkbox). */
export function messageColumns({ channelById, workflowById }: Lookups): ListColumn<MessageView>[] {
  return [
    {
      id: 'created',
      header: 'Created',
      cell: (message) => (
        <Link href={`/messages/${message.id}`} className="hover:underline">
          <DateTime value={message.created_at} />
        </Link>
      ),
    },
    { id: 'status', header: 'Status', cell: (message) => <MessageStatusBadge status={message.status} /> },
    {
      id: 'channel',
      header: 'Channel',
      cell: (message) => (message.channel_id && channelById.get(message.channel_id)?.name) ?? '—',
    },
    {
      id: 'workflow',
      header: 'Workflow',
      cell: (message) => (message.workflow_id && workflowById.get(message.workflow_id)?.name) ?? '—',
    },
    {
      id: 'recipient',
      header: 'Recipient',
      className: 'max-w-48 truncate',
      title: (message) => message.recipient,
      cell: (message) => message.recipient || <span className="text-slate-400">—</span>,
    },
    { id: 'snippet', header: 'Subject / body', className: 'max-w-72 truncate text-slate-500', cell: snippet },
    {
      id: 'attempts',
      header: 'Attempts',
      className: 'text-right tabular-nums',
      cell: (message) => message.attempt_count,
    },
  ];
}

interface MessagesTableProps {
  /** The table's accessible name; "Messages" unless given. */
  label?: string;
  /** The list query (loading, errors, Previous/Next); or `rows` already loaded. */
  query?: ListQuery<MessageView>;
  rows?: MessageView[];
  empty: { title: string; description?: ReactNode; action?: ReactNode };
  loadingLabel?: string;
  /** An extra last column (the dead-letter page's Retry button). */
  actions?: (message: MessageView) => ReactNode;
}

/** Messages, newest first; a row opens the message (the Created cell is its link). */
export function MessagesTable({ label, query, rows, empty, loadingLabel, actions }: MessagesTableProps) {
  const lookups = useNameLookups();
  return (
    <ListTable
      label={label ?? 'Messages'}
      query={query}
      rows={rows}
      columns={[
        ...messageColumns(lookups),
        actions && {
          id: 'actions',
          header: <span className="sr-only">Actions</span>,
          className: 'text-right',
          cell: actions,
        },
      ]}
      rowKey={(message) => message.id}
      rowHref={(message) => `/messages/${message.id}`}
      loadingLabel={loadingLabel ?? 'Loading messages…'}
      empty={empty}
    />
  );
}
