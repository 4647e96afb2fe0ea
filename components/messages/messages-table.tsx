'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { MouseEvent, ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useNameLookups } from './lookups';
import { MessageStatusBadge } from './message-status-badge';
import type { MessageView } from './queries';

interface MessagesTableProps {
  rows: MessageView[];
  empty: { title: string; description?: string };
  /** An extra last column (the dead-letter page's Retry button). */
  actions?: (message: MessageView) => ReactNode;
}

function snippet(message: MessageView): string {
  const text = message.subject || message.body || '';
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** Messages, newest first; a row opens the message (the Created cell is its link). */
export function MessagesTable({ rows, empty, actions }: MessagesTableProps) {
  const router = useRouter();
  const { channelById, workflowById } = useNameLookups();

  function openRow(event: MouseEvent<HTMLTableRowElement>, id: string) {
    // Links and buttons inside the row do their own thing.
    if ((event.target as HTMLElement).closest('a, button')) return;
    router.push(`/messages/${id}`);
  }

  return (
    <Card className="overflow-hidden">
      {rows.length === 0 ? (
        <EmptyState title={empty.title} description={empty.description} />
      ) : (
        <Table>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Created</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Channel</TableHead>
              <TableHead>Workflow</TableHead>
              <TableHead>Recipient</TableHead>
              <TableHead>Subject / body</TableHead>
              <TableHead className="text-right">Attempts</TableHead>
              {actions ? (
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((message) => (
              <TableRow
                key={message.id}
                className="cursor-pointer"
                onClick={(event) => openRow(event, message.id)}
              >
                <TableCell>
                  <Link href={`/messages/${message.id}`} className="hover:underline">
                    <DateTime value={message.created_at} />
                  </Link>
                </TableCell>
                <TableCell>
                  <MessageStatusBadge status={message.status} />
                </TableCell>
                <TableCell>
                  {(message.channel_id && channelById.get(message.channel_id)?.name) ?? '—'}
                </TableCell>
                <TableCell>
                  {(message.workflow_id && workflowById.get(message.workflow_id)?.name) ?? '—'}
                </TableCell>
                <TableCell className="max-w-48 truncate" title={message.recipient}>
                  {message.recipient || <span className="text-slate-400">—</span>}
                </TableCell>
                <TableCell className="max-w-72 truncate text-slate-500">{snippet(message)}</TableCell>
                <TableCell className="text-right tabular-nums">{message.attempt_count}</TableCell>
                {actions ? <TableCell className="text-right">{actions(message)}</TableCell> : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
