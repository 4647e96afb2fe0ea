import { infiniteQueryOptions, type QueryKey } from '@tanstack/react-query';
import { apiFetch, type ListPage } from '@/lib/client/api';

export type QueryParams = Record<string, string | number | undefined | null>;

/** `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, params: QueryParams): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A cursor-paginated list endpoint as an infinite query: `{data, next_cursor}` pages, "Load more" for the next. */
export function listQueryOptions<T>(queryKey: QueryKey, path: string, params: QueryParams = {}) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      apiFetch<ListPage<T>>(withQuery(path, { limit: 50, ...params, cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ListPage<T>) => last.next_cursor,
  });
}

/** Every loaded row of an infinite list query. */
export function rowsOf<T>(data: { pages: ListPage<T>[] } | undefined): T[] {
  return data?.pages.flatMap((page) => page.data) ?? [];
}
