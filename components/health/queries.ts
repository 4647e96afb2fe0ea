import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { HealthReport } from '@/lib/health/check';

export type { HealthReport };

export const healthKeys = {
  all: ['health'] as const,
  report: () => [...healthKeys.all, 'report'] as const,
};

/** The readiness report, polled every 5 s. A 503 carries the same report, so it is data, not an error. */
export function useHealth() {
  return useQuery({
    queryKey: healthKeys.report(),
    queryFn: async ({ signal }) => {
      const report = await apiFetch<HealthReport | undefined>('/api/health', { signal, acceptStatus: [503] });
      // A proxy in front of the app can answer 503 with its own page instead of a report.
      if (!report?.database) throw new Error('The health check answered without a report.');
      return report;
    },
    refetchInterval: 5_000,
    staleTime: 0,
  });
}
