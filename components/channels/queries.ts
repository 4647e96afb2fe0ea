import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiMutation } from '@/components/data/api-mutation';
import { usePagedList } from '@/components/data/use-paged-list';
import type {
  ChannelView,
  createChannelSchema,
  HealthResult,
  ProviderDescription,
  TestResult,
  updateChannelSchema,
  VapidKeys,
} from '@/lib/channels/schemas';
import { apiFetch, type ListPage } from '@/lib/client/api';

export type { ChannelView, ProviderDescription };
export type CreateChannelInput = z.input<typeof createChannelSchema>;
export type UpdateChannelInput = z.input<typeof updateChannelSchema>;

export const channelKeys = {
  all: ['channels'] as const,
  list: () => [...channelKeys.all, 'list'] as const,
  options: () => [...channelKeys.all, 'options'] as const,
  detail: (id: string) => [...channelKeys.all, 'detail', id] as const,
  providers: () => ['channel-providers'] as const,
};

export function useChannels() {
  return usePagedList<ChannelView>({ queryKey: channelKeys.list(), path: '/api/v1/channels' });
}

/** Up to 200 channels for selects and name look-ups (fallbacks, workflow steps, message filters). */
export function useChannelOptions() {
  return useQuery({
    queryKey: channelKeys.options(),
    queryFn: ({ signal }) => apiFetch<ListPage<ChannelView>>('/api/v1/channels?limit=200', { signal }),
    select: (page) => page.data,
    staleTime: 30_000,
  });
}

export function useChannel(id: string) {
  return useQuery({
    queryKey: channelKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<ChannelView>(`/api/v1/channels/${id}`, { signal }),
  });
}

export function useProviders() {
  return useQuery({
    queryKey: channelKeys.providers(),
    queryFn: ({ signal }) => apiFetch<ProviderDescription[]>('/api/v1/channels/providers', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateChannel() {
  return useApiMutation({
    mutationFn: (input: CreateChannelInput) =>
      apiFetch<ChannelView>('/api/v1/channels', { method: 'POST', body: input }),
    toast: {
      success: 'Channel created',
      error: 'The channel was not created',
    },
    invalidate: [channelKeys.all],
  });
}

export function useUpdateChannel(id: string) {
  return useApiMutation({
    mutationFn: (patch: UpdateChannelInput) =>
      apiFetch<ChannelView>(`/api/v1/channels/${id}`, { method: 'PATCH', body: patch }),
    toast: { success: 'Channel saved', error: 'The channel was not saved' },
    invalidate: [channelKeys.all],
  });
}

/**
 * `onDeleted` (leave the deleted thing's page) runs here, before the refetch: the refetched page of what is gone
 * answers 404 and unmounts the button, and react-query drops a `mutate(v, {onSuccess})` of an unmounted caller.
 */
export function useDeleteChannel(onDeleted?: () => void) {
  return useApiMutation({
    onSuccess: () => onDeleted?.(),
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/channels/${id}`, { method: 'DELETE' }),
    toast: { success: 'Channel deleted', error: 'The channel was not deleted' },
    invalidate: [channelKeys.all],
  });
}

/** Sends a real message now. Always a JSON body: `{}` when there is no recipient. */
export function useTestChannel(id: string) {
  return useApiMutation({
    mutationFn: (to: string) =>
      apiFetch<TestResult>(`/api/v1/channels/${id}/test`, { method: 'POST', body: to ? { to } : {} }),
    // The provider's full answer shows in the panel; the toast gives the verdict.
    toast: {
      success: (result) =>
        result.ok
          ? 'The provider accepted the test'
          : 'The provider refused the test: its answer is on the page',
      error: 'The test message was not sent',
    },
  });
}

/** Connectivity and credentials, checked on demand (a button, not a poll: it opens connections). */
export function useCheckChannelHealth(id: string) {
  return useApiMutation({
    mutationFn: () => apiFetch<HealthResult>(`/api/v1/channels/${id}/health`),
    // The verdict shows in the panel; only a failed request is news.
    toast: { success: false, error: 'The health check did not run' },
  });
}

/** A fresh VAPID pair from the server (nothing is stored until the channel is saved). */
export function useGenerateVapidKeys() {
  return useApiMutation({
    mutationFn: () => apiFetch<VapidKeys>('/api/v1/channels/vapid-keys', { method: 'POST' }),
    toast: {
      success: 'New VAPID keys filled in; save the channel to keep them',
      error: 'No VAPID keys generated',
    },
  });
}
