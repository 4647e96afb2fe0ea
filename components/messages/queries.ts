import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { listQueryOptions } from '@/components/data/list-query';
import { apiFetch, type ListPage } from '@/lib/client/api';
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
  recentCount: (status: string) => [...messageKeys.all, 'recent-count', status] as const,
};

/** Polled every 3 s so operators watch statuses move (queued → sending → sent). */
export function useMessages(filter: MessageFilter) {
  return useInfiniteQuery({
    ...listQueryOptions<MessageView>(messageKeys.list(filter), '/api/v1/messages', { ...filter }),
    refetchInterval: 3_000,
    placeholderData: keepPreviousData,
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

const DAY_MS = 24 * 3600 * 1000;
const COUNT_LIMIT = 200;

/**
 * Messages with these statuses created in the last 24 h, counted from one page of up to 200 (`capped` when
 * there are more). Cheap enough for a dashboard card; a proper stats endpoint comes with the metrics issue.
 */
export function useRecentMessageCount(status: string) {
  return useQuery({
    queryKey: messageKeys.recentCount(status),
    queryFn: async ({ signal }) => {
      const from = new Date(Date.now() - DAY_MS).toISOString();
      const query = new URLSearchParams({ status, from, limit: String(COUNT_LIMIT) });
      const page = await apiFetch<ListPage<MessageView>>(`/api/v1/messages?${query}`, { signal });
      return { count: page.data.length, capped: page.next_cursor !== null };
    },
    refetchInterval: 30_000,
  });
}

export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<MessageView>(`/api/v1/messages/${id}/retry`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useRedriveMessages() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RedriveInput) =>
      apiFetch<RedriveResult>('/api/v1/messages/redrive', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageKeys.all }),
  });
}
