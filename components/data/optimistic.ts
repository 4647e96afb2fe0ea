import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { ListPage } from '@/lib/client/api';

/** One cached query (or every query under a key prefix) and how a mutation changes it before the server answers. */
export interface OptimisticPatch {
  queryKey: QueryKey;
  update: (old: unknown) => unknown;
}

type Snapshot = [QueryKey, unknown][];

/**
 * Cancels in-flight fetches of the patched queries (so a stale answer cannot overwrite the change), applies the
 * patches, and returns the function that puts every touched query back as it was.
 */
export async function applyOptimistic(
  queryClient: QueryClient,
  patches: OptimisticPatch[],
): Promise<() => void> {
  await Promise.all(patches.map(({ queryKey }) => queryClient.cancelQueries({ queryKey })));
  const snapshot: Snapshot = [];
  for (const { queryKey, update } of patches) {
    for (const [key, data] of queryClient.getQueriesData({ queryKey })) {
      if (data === undefined) continue;
      snapshot.push([key, data]);
      queryClient.setQueryData(key, update(data));
    }
  }
  return () => {
    for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
  };
}

/**
 * Maps the rows of whatever shape a list is cached in: a page of `{data, next_cursor, prev_cursor}` (each page
 * of a paged list is its own query) or a plain array. Anything else (a detail object) goes through `fn` itself.
 */
export function mapRows<T>(data: unknown, fn: (row: T) => T): unknown {
  if (Array.isArray(data)) return data.map(fn);
  if (!data || typeof data !== 'object') return data;
  if ('data' in data && Array.isArray(data.data))
    return { ...data, data: (data as ListPage<T>).data.map(fn) };
  return fn(data as T);
}

/** A patch that changes the row with this id wherever it is cached under `queryKey` (lists and its detail). */
export function patchRow<T extends { id: string }>(
  queryKey: QueryKey,
  id: string,
  change: (row: T) => T,
): OptimisticPatch {
  return { queryKey, update: (old) => mapRows<T>(old, (row) => (row?.id === id ? change(row) : row)) };
}
