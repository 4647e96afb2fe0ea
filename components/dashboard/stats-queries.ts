import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { Stats } from '@/lib/stats/schemas';
import { rangeKey, rangeWindow, type StatsRange } from './stats-range';

export type { Stats };

/** How often the dashboard refreshes while its tab is visible. */
export const DASHBOARD_REFRESH_MS = 30_000;

export const dashboardStatsKeys = {
  all: ['stats', 'dashboard'] as const,
  range: (range: StatsRange) => [...dashboardStatsKeys.all, rangeKey(range)] as const,
};

/**
 * The figures for a range. A preset's window is taken when each request starts, so it rolls forward. Refreshed
 * every 30 s unless `autoRefresh` is off; react-query skips interval refetches while the tab is hidden
 * (`refetchIntervalInBackground: false`, read from `document.visibilityState`) and refetches when it shows again.
 * The previous range's figures stay on screen while another range loads.
 */
export function useDashboardStats(range: StatsRange, autoRefresh: boolean) {
  return useQuery({
    queryKey: dashboardStatsKeys.range(range),
    queryFn: ({ signal }) => {
      const { from, to, bucket } = rangeWindow(range);
      const query = new URLSearchParams({ from, to, ...(bucket ? { bucket } : {}) });
      return apiFetch<Stats>(`/api/v1/stats?${query}`, { signal });
    },
    refetchInterval: autoRefresh ? DASHBOARD_REFRESH_MS : false,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: autoRefresh,
    placeholderData: keepPreviousData,
  });
}
