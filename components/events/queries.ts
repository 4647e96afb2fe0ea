import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { listQueryOptions } from '@/components/data/list-query';
import type { EventView, listEventsQuery } from '@/lib/events/schemas';

export type { EventView };
export type EventSource = NonNullable<z.input<typeof listEventsQuery>['source']>;

export interface EventFilter {
  status?: 'accepted' | 'invalid';
  event_type?: string;
  source?: EventSource;
}

export const eventKeys = {
  all: ['events'] as const,
  list: (filter: EventFilter) => [...eventKeys.all, 'list', filter] as const,
};

/** Received events, newest first, polled every 5 s. */
export function useEvents(filter: EventFilter) {
  return useInfiniteQuery({
    ...listQueryOptions<EventView>(eventKeys.list(filter), '/api/v1/events', { ...filter }),
    refetchInterval: 5_000,
    placeholderData: keepPreviousData,
  });
}
