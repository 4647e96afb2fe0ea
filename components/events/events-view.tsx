'use client';

import { useState } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { EventFilterBar } from './event-filter-bar';
import { EventsTable } from './events-table';
import { type EventFilter, useEvents } from './queries';

export function EventsView() {
  const [filter, setFilter] = useState<EventFilter>({});
  const events = useEvents(filter);

  return (
    <>
      <PageHeader
        title="Events"
        description="Events received from the API and brokers; refreshes every 5 seconds."
      />
      <EventFilterBar filter={filter} onChange={setFilter} />
      <EventsTable query={events} filtered={Object.values(filter).some(Boolean)} />
    </>
  );
}
