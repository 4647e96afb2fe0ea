'use client';

import Link from 'next/link';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { buttonVariants } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable, rowsFromQuery } from '@/components/ui/list-table';
import { useChannelActivity } from './channel-activity-queries';
import { ChannelHealthDot, SuccessRate } from './channel-health-dot';
import { type ChannelView, useChannels } from './queries';
import { ToggleChannelButton } from './toggle-channel-button';

/**
 * Every channel with its live health, last error and 24 h success rate: the rows come from the channel list, the
 * figures from one activity request for all loaded rows, refreshed every 10 s while the tab is visible.
 */
export function ChannelList() {
  const isAdmin = useIsAdmin();
  const channels = useChannels();
  const ids = rowsFromQuery(channels.data).map((channel) => channel.id);
  const activity = useChannelActivity(ids).data;

  const columns: (ListColumn<ChannelView> | false)[] = [
    {
      id: 'health',
      header: 'Health',
      cell: (channel) => <ChannelHealthDot activity={activity?.get(channel.id)} enabled={channel.enabled} />,
    },
    {
      id: 'name',
      header: 'Name',
      className: 'font-medium text-slate-900',
      cell: (channel) => (
        <Link href={`/channels/${channel.id}`} className="hover:underline">
          {channel.name}
        </Link>
      ),
    },
    {
      id: 'provider',
      header: 'Provider',
      cell: (channel) => (
        <>
          {channel.provider} <span className="text-xs text-slate-500">{channel.type}</span>
        </>
      ),
    },
    {
      id: 'success',
      header: 'Success (24 h)',
      className: 'text-right tabular-nums',
      cell: (channel) => <SuccessRate activity={activity?.get(channel.id)} />,
    },
    {
      id: 'last-error',
      header: 'Last error',
      className: 'max-w-80 truncate',
      title: (channel) => activity?.get(channel.id)?.last_error ?? undefined,
      cell: (channel) => {
        const recent = activity?.get(channel.id);
        if (!recent?.last_error) return <span className="text-slate-400">—</span>;
        return (
          <span className="text-red-700">
            <DateTime value={recent.last_error_at} relativeTime />: {recent.last_error}
          </span>
        );
      },
    },
    isAdmin && {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      className: 'text-right',
      cell: (channel) => <ToggleChannelButton channel={channel} size="sm" />,
    },
  ];

  return (
    <ListTable
      label="Channels"
      columns={columns}
      rowKey={(channel) => channel.id}
      query={channels}
      loadingLabel="Loading channels…"
      rowHref={(channel) => `/channels/${channel.id}`}
      empty={{
        title: 'No channels yet',
        description:
          'A channel is a configured provider (an SMTP server, a webhook URL, Slack…) that workflows send through.',
        action: isAdmin ? (
          <Link href="/channels/new" className={buttonVariants()}>
            New channel
          </Link>
        ) : undefined,
      }}
    />
  );
}
