'use client';

import { useEffect, useState } from 'react';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
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

export function EventFilterBar({
  filter,
  onChange,
}: {
  filter: EventFilter;
  onChange: (filter: EventFilter) => void;
}) {
  const [eventType, setEventType] = useState(filter.event_type ?? '');

  useEffect(() => {
    const value = eventType.trim() || undefined;
    if (value === filter.event_type) return;
    const timer = setTimeout(() => onChange({ ...filter, event_type: value }), 300);
    return () => clearTimeout(timer);
  }, [eventType, filter, onChange]);

  return (
    <search aria-label="Event filters" className="flex flex-wrap items-end gap-3">
      <Field id="event-status" label="Status" className="min-w-40">
        <Select
          id="event-status"
          value={filter.status ?? ''}
          onChange={(e) =>
            onChange({ ...filter, status: (e.target.value || undefined) as EventFilter['status'] })
          }
        >
          <option value="">All events</option>
          <option value="accepted">Accepted only</option>
          <option value="invalid">Invalid only</option>
        </Select>
      </Field>
      <Field id="event-source" label="Source" className="min-w-40">
        <Select
          id="event-source"
          value={filter.source ?? ''}
          onChange={(e) =>
            onChange({ ...filter, source: (e.target.value || undefined) as EventSource | undefined })
          }
        >
          <option value="">All sources</option>
          {Object.keys(SOURCES).map((source) => (
            <option key={source} value={source}>
              {source}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="event-type" label="Event type" className="min-w-56">
        <Input
          id="event-type"
          type="search"
          placeholder="e.g. user.created"
          value={eventType}
          onChange={(e) => setEventType(e.target.value)}
        />
      </Field>
    </search>
  );
}
