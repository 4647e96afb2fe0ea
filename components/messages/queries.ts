import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiMutation } from '@/components/data/api-mutation';
import type { PagePosition } from '@/components/data/list-query';
import { usePagedList } from '@/components/data/use-paged-list';
import { apiFetch } from '@/lib/client/api';
import type {
  MessageView,
  messageDetailSchema,
  redriveResultSchema,
  redriveSchema,
} from '@/lib/messages/schemas';
import { isFinalStatus } from './message-statuses';

export type { MessageView };
export type MessageDetail = z.output<typeof messageDetailSchema>;
export type RedriveInput = z.input<typeof redriveSchema>;
export type RedriveResult = z.output<typeof redriveResultSchema>;

/** The list filters as query parameters; `status` may be a comma list. */
export interface MessageFilter {
  status?: string;
  channel_id?: string;
  workflow_id?: string;
  from?: string;
  to?: string;
  q?: string;
}

export const messageKeys = {
  all: ['messages'] as const,
  list: (filter: MessageFilter) => [...messageKeys.all, 'list', filter] as const,
  detail: (id: string) => [...messageKeys.all, 'detail', id] as const,
};

/**
 * A page of messages, polled every 3 s so operators watch statuses move (queued → sending → sent). `position`:
 * where the page is kept when not in the component (the Messages page's URL).
 */
export function useMessages(filter: MessageFilter, position?: [PagePosition, (next: PagePosition) => void]) {
  return usePagedList<MessageView>({
    queryKey: messageKeys.list(filter),
    path: '/api/v1/messages',
    params: { ...filter },
    refetchInterval: 3_000,
    position,
  });
}

/** Polled every 3 s until the message reaches a final status. */
export function useMessage(id: string) {
  return useQuery({
    queryKey: messageKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<MessageDetail>(`/api/v1/messages/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data && isFinalStatus(query.state.data.status) ? false : 3_000),
  });
}

export function useRetryMessage() {
  return useApiMutation({
    mutationFn: (id: string) => apiFetch<MessageView>(`/api/v1/messages/${id}/retry`, { method: 'POST' }),
    toast: { success: 'Message queued for another attempt', error: 'The message was not retried' },
    invalidate: [messageKeys.all],
  });
}

export function useRedriveMessages() {
  return useApiMutation({
    mutationFn: (input: RedriveInput) =>
      apiFetch<RedriveResult>('/api/v1/messages/redrive', { method: 'POST', body: input }),
    toast: {
      success: ({ redriven }) => `${redriven} message${redriven === 1 ? '' : 's'} queued for re-delivery`,
      error: 'The messages were not re-driven',
    },
    invalidate: [messageKeys.all],
  });
}
