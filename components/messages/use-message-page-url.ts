'use client';

import { useCallback, useMemo } from 'react';
import type { PagePosition } from '@/components/data/list-query';
import { useLocationSearch, writeLocationSearch } from '@/components/data/use-location-search';
import { PAGE_PARAMS, paramsWithPosition, positionFromParams } from './message-filter-url';

/**
 * The Messages page shown, kept in the URL beside the filters (`?status=dead&cursor=…&page=3`): a shared link
 * opens the same page, and each Previous/Next is a history entry, so Back returns to the page before.
 */
export function useMessagePageUrl(): [PagePosition, (position: PagePosition) => void] {
  const params = useLocationSearch();
  const key = PAGE_PARAMS.map((name) => params.get(name) ?? '').join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the params this reads.
  const position = useMemo(() => positionFromParams(params), [key]);
  const setPosition = useCallback(
    (next: PagePosition) => {
      const search = paramsWithPosition(params, next);
      if (search !== params.toString()) writeLocationSearch(search);
    },
    [params],
  );
  return [position, setPosition];
}
