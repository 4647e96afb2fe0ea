'use client';

import { useCallback, useMemo } from 'react';
import { useLocationSearch, writeLocationSearch } from '@/components/data/use-location-search';

export type UrlFilter<K extends string> = Partial<Record<K, string>>;

/**
 * A page's filters kept in its URL (`?actor=…&action=…`), under the API's own parameter names: shareable,
 * reloadable, and Back undoes a change. Read and written through `useLocationSearch`/`writeLocationSearch` (the
 * browser's history, no server round trip), which keep following the URL after a reload and Back.
 */
export function useUrlFilter<K extends string>(
  names: readonly K[],
): [UrlFilter<K>, (next: UrlFilter<K>) => void] {
  const params = useLocationSearch();
  const key = names.map((name) => params.get(name) ?? '').join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the params this filter reads.
  const filter = useMemo(() => {
    const found: UrlFilter<K> = {};
    for (const name of names) {
      const value = params.get(name)?.trim();
      if (value) found[name] = value;
    }
    return found;
  }, [key]);
  const setFilter = useCallback(
    (next: UrlFilter<K>) => {
      const search = new URLSearchParams(params);
      for (const name of names) {
        const value = next[name]?.trim();
        if (value) search.set(name, value);
        else search.delete(name);
      }
      const text = search.toString();
      if (text !== params.toString()) writeLocationSearch(text);
    },
    [names, params],
  );
  return [filter, setFilter];
}
