'use client';

import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, type ListQuery, ListTable } from '@/components/ui/list-table';
import { EventDetails } from './event-details';
import type { EventView } from './queries';

const COLUMNS: ListColumn<EventView>[] = [
  { id: 'received', header: 'Received', cell: (event) => <DateTime value={event.created_at} /> },
  { id: 'source', header: 'Source', cell: (event) => event.source },
  {
    id: 'type',
    header: 'Event type',
    className: 'font-mono text-xs',
    cell: (event) => event.event_type ?? '—',
  },
  {
    id: 'status',
    header: 'Status',
    cell: (event) => (
      <Badge tone={event.status === 'accepted' ? 'success' : 'danger'} dot>
        {event.status}
      </Badge>
    ),
  },
  {
    id: 'error',
    header: 'Error',
    className: 'max-w-80 truncate text-red-700',
    title: (event) => event.error ?? undefined,
    cell: (event) => event.error ?? '',
  },
];

/** Received events; "Details" under each row expands the payload, the runs it started and Replay. */
export function EventsTable({ query, filtered }: { query: ListQuery<EventView>; filtered: boolean }) {
  return (
    <ListTable
      label="Events"
      query={query}
      columns={COLUMNS}
      rowKey={(event) => event.id}
      detail={(event) => <EventDetails event={event} />}
      loadingLabel="Loading events…"
      empty={{
        title: 'No events',
        description: filtered
          ? 'No event matches these filters; change them to see more.'
          : 'POST an event to /api/v1/events and it shows up here.',
      }}
    />
  );
}
