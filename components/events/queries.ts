import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { auditKeys } from '@/components/audit/queries';
import { useApiMutation } from '@/components/data/api-mutation';
import { usePagedList } from '@/components/data/use-paged-list';
import { apiFetch } from '@/lib/client/api';
import type { EventDetail, EventView, listEventsQuery, replayResultSchema } from '@/lib/events/schemas';

export type { EventDetail, EventView };

type ReplayResult = z.output<typeof replayResultSchema>;
export type EventSource = NonNullable<z.input<typeof listEventsQuery>['source']>;

export interface EventFilter {
  status?: 'accepted' | 'invalid';
  event_type?: string;
  source?: EventSource;
}

export const eventKeys = {
  all: ['events'] as const,
  list: (filter: EventFilter) => [...eventKeys.all, 'list', filter] as const,
  detail: (id: string) => [...eventKeys.all, 'detail', id] as const,
};

/** Received events, newest first, polled every 5 s. */
export function useEvents(filter: EventFilter) {
  return usePagedList<EventView>({
    queryKey: eventKeys.list(filter),
    path: '/api/v1/events',
    params: { ...filter },
    refetchInterval: 5_000,
  });
}

/** One event with the runs it started, polled every 5 s while shown (runs move on, replays add runs). */
export function useEvent(id: string) {
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<EventDetail>(`/api/v1/events/${id}`, { signal }),
    refetchInterval: 5_000,
  });
}

/**
 * Replays an event through its triggers. Each click is one replay: its Idempotency-Key is made per click, so a
 * request the network repeats starts nothing twice.
 */
export function useReplayEvent() {
  return useApiMutation({
    mutationFn: (input: { id: string; key: string }) =>
      apiFetch<ReplayResult>(`/api/v1/events/${input.id}/replay`, {
        method: 'POST',
        headers: { 'idempotency-key': input.key },
      }),
    toast: {
      success: ({ runs }) =>
        runs.length === 0
          ? 'Replayed: no trigger matches it now'
          : `Replayed: ${runs.length} run${runs.length === 1 ? '' : 's'} started`,
      error: 'The event was not replayed',
    },
    invalidate: [eventKeys.all, auditKeys.all],
  });
}
