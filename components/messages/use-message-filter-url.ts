'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { filterFromParams, historyMode, paramsFromFilter, sameFilter } from './message-filter-url';
import type { MessageFilter } from './queries';

/**
 * The Messages filters kept in the URL: read from the search params, changed through the browser's history
 * (`history.pushState`/`replaceState`, which Next.js's router follows: `useSearchParams` updates, and no server
 * round trip re-renders the page). So a filtered list can be shared or reloaded, and Back undoes a change.
 */
export function useMessageFilterUrl(): [MessageFilter, (filter: MessageFilter) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const setFilter = useCallback(
    (next: MessageFilter) => {
      if (sameFilter(filter, next)) return;
      const search = paramsFromFilter(next, new URLSearchParams(params.toString()));
      const url = search ? `${pathname}?${search}` : pathname;
      if (historyMode(filter, next) === 'replace') window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    },
    [filter, params, pathname],
  );
  return [filter, setFilter];
}
