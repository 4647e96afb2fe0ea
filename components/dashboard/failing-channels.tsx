import Link from 'next/link';
import { ListTable } from '@/components/ui/list-table';
import { formatCount, formatRate } from './format';
import { FAILED, messagesHref } from './links';
import type { Stats } from './stats-queries';

type Failing = Stats['top_failing_channels'][number];

/** Channels with the most failed, dead, bounced or discarded messages in the range: each to its page and its failures. */
export function FailingChannels({ stats }: { stats: Stats }) {
  return (
    <ListTable<Failing>
      label="Top failing channels"
      title="Top failing channels"
      description="Most failed, dead, bounced or discarded messages in this range."
      rows={stats.top_failing_channels}
      rowKey={(channel) => channel.channel_id}
      empty={{ title: 'No failing channels', description: 'No message failed in this range.' }}
      columns={[
        {
          id: 'channel',
          header: 'Channel',
          className: 'font-medium text-slate-900',
          cell: (channel) => (
            <Link href={`/channels/${channel.channel_id}`} className="hover:underline">
              {channel.name}
            </Link>
          ),
        },
        {
          id: 'failures',
          header: 'Failures',
          className: 'text-right tabular-nums',
          cell: (channel) => (
            <Link
              href={messagesHref(stats, { status: FAILED, channel_id: channel.channel_id })}
              aria-label={`${channel.failures} failed messages of ${channel.name}`}
              className="hover:underline"
            >
              {formatCount(channel.failures)}
            </Link>
          ),
        },
        {
          id: 'rate',
          header: 'Failure rate',
          className: 'text-right tabular-nums',
          title: (channel) => `${channel.failures} of ${channel.finished} finished`,
          cell: (channel) => formatRate(channel.failure_rate),
        },
      ]}
    />
  );
}
