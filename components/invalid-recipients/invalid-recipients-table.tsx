'use client';

import Link from 'next/link';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { ClearInvalidRecipientButton } from './clear-invalid-recipient-button';
import type { InvalidRecipientView, useInvalidRecipients } from './queries';

const COLUMNS: ListColumn<InvalidRecipientView>[] = [
  {
    id: 'recipient',
    header: 'Recipient',
    className: 'max-w-80 truncate font-mono text-xs text-slate-900',
    title: (entry) => entry.recipient,
    cell: (entry) => entry.recipient,
  },
  {
    id: 'channel',
    header: 'Channel',
    cell: (entry) => (
      <Link href={`/channels/${entry.channel_id}`} className="text-slate-900 hover:underline">
        {entry.channel_name}
      </Link>
    ),
  },
  { id: 'provider', header: 'Provider', cell: (entry) => entry.provider },
  { id: 'reason', header: 'Reason', cell: (entry) => <Badge tone="danger">{entry.reason}</Badge> },
  { id: 'reported', header: 'Reported', cell: (entry) => <DateTime value={entry.created_at} /> },
];

function Details({ entry }: { entry: InvalidRecipientView }) {
  return (
    <dl className="grid gap-x-6 gap-y-1 text-xs sm:grid-cols-[max-content_1fr]">
      <dt className="text-slate-500">Recipient</dt>
      <dd className="break-all font-mono text-slate-900">{entry.recipient}</dd>
      {entry.detail ? (
        <>
          <dt className="text-slate-500">Provider's answer</dt>
          <dd className="text-slate-900">{entry.detail}</dd>
        </>
      ) : null}
      {entry.invalid_since ? (
        <>
          <dt className="text-slate-500">Invalid since</dt>
          <dd>
            <DateTime value={entry.invalid_since} />
          </dd>
        </>
      ) : null}
      <dt className="text-slate-500">Last reported</dt>
      <dd>
        <DateTime value={entry.last_seen_at} />
      </dd>
      {entry.message_id ? (
        <>
          <dt className="text-slate-500">Reported by message</dt>
          <dd>
            <Link href={`/messages/${entry.message_id}`} className="font-mono hover:underline">
              {entry.message_id}
            </Link>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function InvalidRecipientsTable({ query }: { query: ReturnType<typeof useInvalidRecipients> }) {
  const isAdmin = useIsAdmin();
  return (
    <ListTable
      label="Invalid recipients"
      query={query}
      columns={[
        ...COLUMNS,
        isAdmin && {
          id: 'actions',
          header: <span className="sr-only">Actions</span>,
          className: 'text-right',
          cell: (entry) => <ClearInvalidRecipientButton entry={entry} />,
        },
      ]}
      rowKey={(entry) => entry.id}
      detail={(entry) => <Details entry={entry} />}
      loadingLabel="Loading invalid recipients…"
      empty={{
        title: 'No invalid recipients',
        description:
          'Device tokens APNs or FCM report unregistered, and Web Push subscriptions that expired, are listed here.',
      }}
    />
  );
}
