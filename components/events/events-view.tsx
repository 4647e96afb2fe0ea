'use client';

import { useState } from 'react';
import { rowsOf } from '@/components/data/list-query';
import { PageHeader } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadMore } from '@/components/ui/load-more';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/client/api';
import { EventFilterBar } from './event-filter-bar';
import { EventRow } from './event-row';
import { type EventFilter, useEvents } from './queries';

export function EventsView() {
  const [filter, setFilter] = useState<EventFilter>({});
  const events = useEvents(filter);
  const rows = rowsOf(events.data);

  return (
    <>
      <PageHeader
        title="Events"
        description="Events received from the API and brokers; refreshes every 5 seconds."
      />
      <EventFilterBar filter={filter} onChange={setFilter} />
      {events.isError ? <Alert tone="error">{errorMessage(events.error)}</Alert> : null}
      {events.isPending ? (
        <p className="text-sm text-slate-500">Loading events…</p>
      ) : (
        <div className="flex flex-col gap-3">
          <Card className="overflow-hidden">
            {rows.length === 0 ? (
              <EmptyState
                title="No events"
                description="POST an event to /api/v1/events and it shows up here."
              />
            ) : (
              <Table>
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead>Received</TableHead>
                    <TableHead>Source</TableHead>
                    <TableHead>Event type</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead>Error</TableHead>
                    <TableHead>
                      <span className="sr-only">Details</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((event) => (
                    <EventRow key={event.id} event={event} />
                  ))}
                </TableBody>
              </Table>
            )}
          </Card>
          <LoadMore pager={events} />
        </div>
      )}
    </>
  );
}
