'use client';

import { FilterBar, SearchFilter, SelectFilter } from '@/components/ui/filter-bar';
import type { EventFilter, EventSource } from './queries';

// The console may not import lib/ at runtime; the Record makes the compiler flag a source added to the schema.
const SOURCES: Record<EventSource, true> = {
  api: true,
  webhook: true,
  kafka: true,
  rabbitmq: true,
  schedule: true,
  poll: true,
};

const STATUSES = [
  { value: 'accepted', label: 'Accepted only' },
  { value: 'invalid', label: 'Invalid only' },
];

export function EventFilterBar({
  filter,
  onChange,
}: {
  filter: EventFilter;
  onChange: (filter: EventFilter) => void;
}) {
  return (
    <FilterBar label="Event filters" className="flex flex-wrap items-end gap-3">
      <SelectFilter
        id="event-status"
        label="Status"
        className="min-w-40"
        allLabel="All events"
        options={STATUSES}
        value={filter.status}
        onChange={(status) => onChange({ ...filter, status: status as EventFilter['status'] })}
      />
      <SelectFilter
        id="event-source"
        label="Source"
        className="min-w-40"
        allLabel="All sources"
        options={Object.keys(SOURCES)}
        value={filter.source}
        onChange={(source) => onChange({ ...filter, source: source as EventSource | undefined })}
      />
      <SearchFilter
        id="event-type"
        label="Event type"
        className="min-w-56"
        placeholder="e.g. user.created"
        value={filter.event_type}
        onChange={(event_type) => onChange({ ...filter, event_type })}
      />
    </FilterBar>
  );
}
