import { type QueryKey, queryOptions } from '@tanstack/react-query';
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

/**
 * Which page of a list is shown: the API's keyset position (`cursor`, the page after a `next_cursor`; or
 * `before`, the page before a `prev_cursor`; neither for the newest page) and its number, counted by the pages
 * stepped through (keyset pages have no numbers of their own).
 */
export interface PagePosition {
  cursor?: string;
  before?: string;
  /** 1 for the newest page. */
  page: number;
}

export const FIRST_PAGE: PagePosition = { page: 1 };

export const DEFAULT_PAGE_SIZE = 50;

/**
 * One page of a cursor-paginated list endpoint (`{data, next_cursor, prev_cursor}`), cached under `queryKey`
 * plus its position: invalidating `queryKey` (or a prefix of it) refetches every page.
 */
export function listPageOptions<T>(
  queryKey: QueryKey,
  path: string,
  params: QueryParams,
  position: PagePosition,
) {
  const at = { cursor: position.cursor ?? null, before: position.before ?? null };
  return queryOptions({
    queryKey: [...queryKey, at],
    queryFn: ({ signal }) =>
      apiFetch<ListPage<T>>(withQuery(path, { limit: DEFAULT_PAGE_SIZE, ...params, ...at }), { signal }),
  });
}

/** The rows of a list page (none while it loads). */
export function rowsOf<T>(data: ListPage<T> | undefined): T[] {
  return data?.data ?? [];
}
