'use client';

import { useCallback, useMemo } from 'react';
import { useLocationSearch, writeLocationSearch } from '@/components/data/use-location-search';
import {
  FILTER_PARAMS,
  filterFromParams,
  historyMode,
  paramsFromFilter,
  sameFilter,
} from './message-filter-url';
import type { MessageFilter } from './queries';

/**
 * The Messages filters kept in the URL: read from the query string, changed through the browser's history
 * (`history.pushState`/`replaceState`; no server round trip re-renders the page). So a filtered list can be
 * shared or reloaded, and Back undoes a change.
 */
export function useMessageFilterUrl(): [MessageFilter, (filter: MessageFilter) => void] {
  const params = useLocationSearch();
  const key = FILTER_PARAMS.map((name) => params.get(name) ?? '').join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the params this reads.
  const filter = useMemo(() => filterFromParams(params), [key]);
  const setFilter = useCallback(
    (next: MessageFilter) => {
      if (sameFilter(filter, next)) return;
      writeLocationSearch(paramsFromFilter(next, params), historyMode(filter, next));
    },
    [filter, params],
  );
  return [filter, setFilter];
}
