'use client';

import Link from 'next/link';
import { MessageStatusBadge } from '@/components/messages/message-status-badge';
import { MESSAGE_STATUSES, type MessageStatus } from '@/components/messages/message-statuses';
import { useRecentMessageCount } from '@/components/messages/queries';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

// Each tile is one list request (limit 200) counted in the browser: simple, and cheap at this size. A proper
// stats endpoint comes with the metrics issue and should replace these requests.
function CountTile({ status }: { status: MessageStatus }) {
  const count = useRecentMessageCount(status);
  const value = count.data ? `${count.data.count}${count.data.capped ? '+' : ''}` : count.isError ? '?' : '…';
  return (
    <Link
      href={status === 'dead' ? '/dead-letters' : `/messages?status=${status}`}
      className="flex items-center justify-between gap-2 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50"
    >
      <MessageStatusBadge status={status} />
      <span className="text-lg font-semibold text-slate-900 tabular-nums">{value}</span>
    </Link>
  );
}

/** Messages created in the last 24 hours, by status. */
export function MessageCounts() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Messages, last 24 hours</CardTitle>
        <CardDescription>By status; counts stop at 200 (“200+”).</CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-2 gap-2">
        {MESSAGE_STATUSES.map((status) => (
          <CountTile key={status} status={status} />
        ))}
      </CardContent>
    </Card>
  );
}
