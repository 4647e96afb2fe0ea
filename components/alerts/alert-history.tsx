'use client';

import { rowsOf } from '@/components/data/list-query';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadMore } from '@/components/ui/load-more';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/client/api';
import { formatValue } from './kind-label';
import { type AlertEventView, useAlertEvents } from './queries';

const EVENT_TONES = { firing: 'danger', resolved: 'success', suppressed: 'warning' } as const;
const OUTCOME_TONES = { sent: 'success', failed: 'danger', skipped: 'neutral' } as const;

/** What the rule did, newest first, with each channel's outcome (sent, failed, skipped and why). */
export function AlertHistory({
  ruleId,
  kind,
  channelName,
}: {
  ruleId: string;
  kind: string;
  channelName: (id: string) => string;
}) {
  const events = useAlertEvents(ruleId);
  const rows = rowsOf(events.data);
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>History</CardTitle>
        <CardDescription>Fired, reminded, suppressed within the cooldown, and resolved.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 p-0">
        {events.isPending ? <p className="px-4 text-sm text-slate-500">Loading history…</p> : null}
        {events.isError ? <Alert tone="error">{errorMessage(events.error)}</Alert> : null}
        {events.isSuccess && rows.length === 0 ? (
          <EmptyState title="Nothing yet" description="The rule has not fired." />
        ) : null}
        {rows.length ? (
          <Table aria-label="Alert history">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>When</TableHead>
                <TableHead>Event</TableHead>
                <TableHead>Value</TableHead>
                <TableHead>Summary</TableHead>
                <TableHead>Notifications</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((event) => (
                <HistoryRow key={event.id} event={event} kind={kind} channelName={channelName} />
              ))}
            </TableBody>
          </Table>
        ) : null}
      </CardContent>
      <div className="p-3">
        <LoadMore pager={events} />
      </div>
    </Card>
  );
}

function HistoryRow({
  event,
  kind,
  channelName,
}: {
  event: AlertEventView;
  kind: string;
  channelName: (id: string) => string;
}) {
  return (
    <TableRow>
      <TableCell className="whitespace-nowrap">
        <DateTime value={event.created_at} />
      </TableCell>
      <TableCell>
        <Badge tone={EVENT_TONES[event.kind]}>{event.kind}</Badge>
      </TableCell>
      <TableCell>{formatValue(kind, event.value)}</TableCell>
      <TableCell className="max-w-md whitespace-normal text-slate-700">{event.summary}</TableCell>
      <TableCell className="whitespace-normal">
        {event.notifications.length ? (
          <ul className="flex flex-col gap-1" aria-label="Per-channel outcomes">
            {event.notifications.map((n) => (
              // A channel appears once per event (skipped, or sent/failed).
              <li key={n.channel_id} className="text-xs text-slate-700">
                <span className="font-medium">{channelName(n.channel_id)}</span>{' '}
                <Badge tone={OUTCOME_TONES[n.status]}>{n.status}</Badge>{' '}
                <span className="text-slate-500">{n.detail}</span>
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-xs text-slate-500">None sent</span>
        )}
      </TableCell>
    </TableRow>
  );
}
