'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { type ParsedRange, parseRange, rangeSearch, type StatsRange } from './stats-range';

/**
 * The range kept in the URL: reading it from the search params, and choosing one by pushing a history entry, so
 * reload and share keep it and the back button returns to the previous range.
 */
export function useStatsRange(): ParsedRange & { setRange: (range: StatsRange) => void } {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const parsed = parseRange(params);
  const setRange = useCallback(
    (range: StatsRange) => router.push(`${pathname}?${rangeSearch(range)}`, { scroll: false }),
    [router, pathname],
  );
  return { ...parsed, setRange };
}
