import { useQuery } from '@tanstack/react-query';
import { useApiMutation } from '@/components/data/api-mutation';
import { usePagedList } from '@/components/data/use-paged-list';
import { apiFetch, type ListPage } from '@/lib/client/api';
import type { InvalidRecipientView } from '@/lib/invalid-recipients/schemas';

export type { InvalidRecipientView };

export interface InvalidRecipientFilter {
  channel_id?: string;
  provider?: string;
  recipient?: string;
}

export const invalidRecipientKeys = {
  all: ['invalid-recipients'] as const,
  list: (filter: InvalidRecipientFilter) => [...invalidRecipientKeys.all, 'list', filter] as const,
  ofChannel: (channelId: string) => [...invalidRecipientKeys.all, 'channel', channelId] as const,
};

export function useInvalidRecipients(filter: InvalidRecipientFilter) {
  return usePagedList<InvalidRecipientView>({
    queryKey: invalidRecipientKeys.list(filter),
    path: '/api/v1/invalid-recipients',
    params: { ...filter },
  });
}

/** Up to 100 of a channel's invalid recipients: the channel page's count ("100+" beyond). */
export const CHANNEL_COUNT_LIMIT = 100;

export function useChannelInvalidRecipients(channelId: string, enabled: boolean) {
  return useQuery({
    queryKey: invalidRecipientKeys.ofChannel(channelId),
    queryFn: ({ signal }) =>
      apiFetch<ListPage<InvalidRecipientView>>(
        `/api/v1/invalid-recipients?channel_id=${encodeURIComponent(channelId)}&limit=${CHANNEL_COUNT_LIMIT}`,
        { signal },
      ),
    enabled,
  });
}

/** Forgets an entry: sends to that recipient through its channel go out again. */
export function useDeleteInvalidRecipient() {
  return useApiMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/invalid-recipients/${id}`, { method: 'DELETE' }),
    toast: { success: 'Invalid recipient cleared', error: 'The invalid recipient was not cleared' },
    invalidate: [invalidRecipientKeys.all],
  });
}
