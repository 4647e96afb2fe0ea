'use client';

import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { formatValue } from './kind-label';
import { type AlertEventView, useAlertEvents } from './queries';

const EVENT_TONES = { firing: 'danger', resolved: 'success', suppressed: 'warning' } as const;
const OUTCOME_TONES = { sent: 'success', failed: 'danger', skipped: 'neutral' } as const;

function Notifications({
  event,
  channelName,
}: {
  event: AlertEventView;
  channelName: (id: string) => string;
}) {
  if (!event.notifications.length) return <span className="text-xs text-slate-500">None sent</span>;
  return (
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
  );
}

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
  const columns: ListColumn<AlertEventView>[] = [
    {
      id: 'when',
      header: 'When',
      className: 'whitespace-nowrap',
      cell: (event) => <DateTime value={event.created_at} />,
    },
    {
      id: 'event',
      header: 'Event',
      cell: (event) => <Badge tone={EVENT_TONES[event.kind]}>{event.kind}</Badge>,
    },
    { id: 'value', header: 'Value', cell: (event) => formatValue(kind, event.value) },
    {
      id: 'summary',
      header: 'Summary',
      className: 'max-w-md whitespace-normal text-slate-700',
      cell: (event) => event.summary,
    },
    {
      id: 'notifications',
      header: 'Notifications',
      className: 'whitespace-normal',
      cell: (event) => <Notifications event={event} channelName={channelName} />,
    },
  ];
  return (
    <ListTable
      label="Alert history"
      title="History"
      description="Fired, reminded, suppressed within the cooldown, and resolved."
      query={events}
      columns={columns}
      rowKey={(event) => event.id}
      loadingLabel="Loading history…"
      skeletonRows={3}
      empty={{
        title: 'Nothing yet',
        description: 'The rule has not fired. Each firing, reminder and resolution will be listed here.',
      }}
    />
  );
}
