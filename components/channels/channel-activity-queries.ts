import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApiMutation } from '@/components/data/api-mutation';
import { patchRow } from '@/components/data/optimistic';
import type { ChannelActivity, ChannelUsage } from '@/lib/channels/activity-schemas';
import { MAX_ACTIVITY_IDS } from '@/lib/channels/activity-schemas';
import { apiFetch } from '@/lib/client/api';
import { type ChannelView, channelKeys } from './queries';

export type { ChannelActivity, ChannelUsage };

export const channelActivityKeys = {
  activity: (ids: string[]) => [...channelKeys.all, 'activity', ids.join(',')] as const,
  usage: (id: string) => [...channelKeys.all, 'usage', id] as const,
};

/** Refreshed this often while the tab is visible (react-query skips interval refetches in a hidden tab). */
export const ACTIVITY_REFRESH_MS = 10_000;

/**
 * Health, last error and 24 h success rate of the listed channels: one request per 200 channels (one SQL
 * statement each), whatever the number of rows, keyed by channel id.
 */
export function useChannelActivity(ids: string[]) {
  return useQuery({
    queryKey: channelActivityKeys.activity(ids),
    queryFn: async ({ signal }) => {
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += MAX_ACTIVITY_IDS) chunks.push(ids.slice(i, i + MAX_ACTIVITY_IDS));
      const pages = await Promise.all(
        chunks.map((chunk) =>
          apiFetch<{ data: ChannelActivity[] }>(`/api/v1/channels/activity?ids=${chunk.join(',')}`, {
            signal,
          }),
        ),
      );
      return new Map(pages.flatMap((page) => page.data).map((a) => [a.channel_id, a]));
    },
    enabled: ids.length > 0,
    refetchInterval: ACTIVITY_REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

/** What names the channel (read when the delete dialog opens, so it is current). */
export function useChannelUsage(id: string, enabled: boolean) {
  return useQuery({
    queryKey: channelActivityKeys.usage(id),
    queryFn: ({ signal }) => apiFetch<ChannelUsage>(`/api/v1/channels/${id}/usage`, { signal }),
    enabled,
    staleTime: 0,
  });
}

/** Enables or disables a channel (`PATCH {enabled}`): shown at once, rolled back with a toast if refused. */
export function useSetChannelEnabled() {
  return useApiMutation<ChannelView, { id: string; name: string; enabled: boolean }>({
    mutationFn: ({ id, enabled }) =>
      apiFetch<ChannelView>(`/api/v1/channels/${id}`, { method: 'PATCH', body: { enabled } }),
    optimistic: ({ id, enabled }) => [
      patchRow<ChannelView>(channelKeys.list(), id, (channel) => ({ ...channel, enabled })),
      patchRow<ChannelView>(channelKeys.detail(id), id, (channel) => ({ ...channel, enabled })),
    ],
    invalidate: [channelKeys.all],
    toast: {
      success: (_data, { name, enabled }) => (enabled ? `Enabled “${name}”.` : `Disabled “${name}”.`),
      error: ({ name, enabled }) => `Could not ${enabled ? 'enable' : 'disable'} “${name}”`,
    },
  });
}
