import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatCount, formatRate } from './format';
import type { Stats } from './queries';

/** Channels with the most failed, dead or bounced messages in the range, each linking to its channel page. */
export function FailingChannels({ channels }: { channels: Stats['top_failing_channels'] }) {
  if (channels.length === 0)
    return <EmptyState title="No failing channels" description="No message failed in this range." />;
  return (
    <Table aria-label="Top failing channels">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Channel</TableHead>
          <TableHead className="text-right">Failures</TableHead>
          <TableHead className="text-right">Failure rate</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {channels.map((channel) => (
          <TableRow key={channel.channel_id}>
            <TableCell className="font-medium text-slate-900">
              <Link href={`/channels/${channel.channel_id}`} className="hover:underline">
                {channel.name}
              </Link>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(channel.failures)}</TableCell>
            <TableCell
              className="text-right tabular-nums"
              title={`${channel.failures} of ${channel.finished} finished`}
            >
              {formatRate(channel.failure_rate)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
