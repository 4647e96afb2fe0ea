'use client';

import Link from 'next/link';
import { rowsOf } from '@/components/data/list-query';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { EnabledBadge } from '@/components/ui/enabled-badge';
import { LoadMore } from '@/components/ui/load-more';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/client/api';
import { useChannels } from './queries';

export function ChannelsTable() {
  const channels = useChannels();
  const rows = rowsOf(channels.data);

  if (channels.isPending) return <p className="text-sm text-slate-500">Loading channels…</p>;
  if (channels.isError) return <Alert tone="error">{errorMessage(channels.error)}</Alert>;

  return (
    <div className="flex flex-col gap-3">
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <EmptyState
            title="No channels yet"
            description="A channel is a configured provider (an SMTP server, a webhook URL) that workflows send through."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Name</TableHead>
                <TableHead>Provider</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Enabled</TableHead>
                <TableHead>Created</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((channel) => (
                <TableRow key={channel.id}>
                  <TableCell className="font-medium text-slate-900">
                    <Link href={`/channels/${channel.id}`} className="hover:underline">
                      {channel.name}
                    </Link>
                  </TableCell>
                  <TableCell>{channel.provider}</TableCell>
                  <TableCell>{channel.type}</TableCell>
                  <TableCell>
                    <EnabledBadge enabled={channel.enabled} />
                  </TableCell>
                  <TableCell>
                    <DateTime value={channel.created_at} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <LoadMore pager={channels} />
    </div>
  );
}
