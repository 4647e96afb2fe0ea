import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { Stats } from '@/lib/stats/schemas';

export type { Stats };

/** The dashboard's ranges: each asks the stats endpoint for the span ending now, in buckets fit for a chart. */
export const STAT_RANGES = {
  '1h': { label: '1 hour', spanMs: 3_600_000, bucket: 'minute' },
  '24h': { label: '24 hours', spanMs: 86_400_000, bucket: 'hour' },
  '7d': { label: '7 days', spanMs: 7 * 86_400_000, bucket: 'hour' },
} as const;
export type StatRange = keyof typeof STAT_RANGES;

export const statsKeys = {
  all: ['stats'] as const,
  range: (range: StatRange) => [...statsKeys.all, range] as const,
};

/**
 * Figures for the range ending now, refreshed every 30 s; `from`/`to` are taken when each request starts, so the
 * window rolls forward. The previous range's figures stay on screen while another range loads.
 */
export function useStats(range: StatRange) {
  return useQuery({
    queryKey: statsKeys.range(range),
    queryFn: ({ signal }) => {
      const { spanMs, bucket } = STAT_RANGES[range];
      const to = new Date();
      const query = new URLSearchParams({
        from: new Date(to.getTime() - spanMs).toISOString(),
        to: to.toISOString(),
        bucket,
      });
      return apiFetch<Stats>(`/api/v1/stats?${query}`, { signal });
    },
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
}
