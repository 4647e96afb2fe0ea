import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { listQueryOptions } from '@/components/data/list-query';
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
  return useInfiniteQuery(listQueryOptions<ChannelView>(channelKeys.list(), '/api/v1/channels'));
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateChannelInput) =>
      apiFetch<ChannelView>('/api/v1/channels', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

export function useUpdateChannel(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateChannelInput) =>
      apiFetch<ChannelView>(`/api/v1/channels/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/channels/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

/** Sends a real message now. Always a JSON body: `{}` when there is no recipient. */
export function useTestChannel(id: string) {
  return useMutation({
    mutationFn: (to: string) =>
      apiFetch<TestResult>(`/api/v1/channels/${id}/test`, { method: 'POST', body: to ? { to } : {} }),
  });
}

/** Connectivity and credentials, checked on demand (a button, not a poll: it opens connections). */
export function useCheckChannelHealth(id: string) {
  return useMutation({
    mutationFn: () => apiFetch<HealthResult>(`/api/v1/channels/${id}/health`),
  });
}

/** A fresh VAPID pair from the server (nothing is stored until the channel is saved). */
export function useGenerateVapidKeys() {
  return useMutation({
    mutationFn: () => apiFetch<VapidKeys>('/api/v1/channels/vapid-keys', { method: 'POST' }),
  });
}
