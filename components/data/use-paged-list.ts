'use client';

import { keepPreviousData, type QueryKey, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Pager } from '@/components/ui/pagination';
import type { ListPage } from '@/lib/client/api';
import {
  DEFAULT_PAGE_SIZE,
  FIRST_PAGE,
  listPageOptions,
  type PagePosition,
  type QueryParams,
} from './list-query';

export type PagedQuery<T> = UseQueryResult<ListPage<T>> & { pager: Pager };

export interface PagedListOptions {
  queryKey: QueryKey;
  path: string;
  params?: QueryParams;
  /** The API's `limit`. */
  pageSize?: number;
  refetchInterval?: number;
  /**
   * Where the position is kept, when not in the component (the Messages page keeps it in its URL). By default it
   * is the component's own and goes back to the first page when `queryKey` or `params` change (a new filter).
   */
  position?: [PagePosition, (next: PagePosition) => void];
}

/** The position kept in the component, reset to the first page whenever `resetKey` changes. */
function useOwnPosition(resetKey: string): [PagePosition, (next: PagePosition) => void] {
  const [state, setState] = useState({ key: resetKey, position: FIRST_PAGE });
  const setPosition = useCallback(
    (position: PagePosition) => setState({ key: resetKey, position }),
    [resetKey],
  );
  return [state.key === resetKey ? state.position : FIRST_PAGE, setPosition];
}

/** The pager for a page answered at `position` (`data` is that page, or the one still shown while it loads). */
export function pagerFor(
  position: PagePosition,
  data: Pick<ListPage<unknown>, 'data' | 'next_cursor' | 'prev_cursor'> | undefined,
  options: { pageSize: number; busy: boolean; go: (next: PagePosition) => void },
): Pager {
  const { pageSize, busy, go } = options;
  // The server knows when a page is the first (a Previous can land there early, the list having changed);
  // beyond that the number is counted. A position with a cursor is never the first page.
  const page = busy || !data ? position.page : data.prev_cursor === null ? 1 : Math.max(position.page, 2);
  const nextCursor = busy ? null : (data?.next_cursor ?? null);
  const prevCursor = busy ? null : (data?.prev_cursor ?? null);
  return {
    page,
    pageSize,
    rows: data?.data.length ?? 0,
    // Past the first page Previous always leads somewhere: to the first page when the page failed to load.
    hasPrevious: !busy && page > 1,
    hasNext: nextCursor !== null,
    // The newest page is asked for without a cursor, so it shows what arrived since.
    previous: () => go(!prevCursor || page <= 2 ? FIRST_PAGE : { before: prevCursor, page: page - 1 }),
    next: () => {
      if (nextCursor) go({ cursor: nextCursor, page: page + 1 });
    },
    busy,
  };
}

/**
 * A cursor-paginated list, one page at a time: the page's query (placeholder: the page shown before, while the
 * next loads) with `pager` for Previous/Next. ListTable shows both.
 *
 * ```tsx
 * const channels = usePagedList<ChannelView>({ queryKey: channelKeys.list(), path: '/api/v1/channels' });
 * <ListTable label="Channels" query={channels} ... />
 * ```
 */
export function usePagedList<T>(options: PagedListOptions): PagedQuery<T> {
  const { queryKey, path, params = {}, pageSize = DEFAULT_PAGE_SIZE, refetchInterval } = options;
  const own = useOwnPosition(JSON.stringify([queryKey, params]));
  const [position, setPosition] = options.position ?? own;
  const query = useQuery({
    ...listPageOptions<T>(queryKey, path, { ...params, limit: pageSize }, position),
    refetchInterval,
    placeholderData: keepPreviousData,
  });
  const pager = pagerFor(position, query.data, {
    pageSize,
    busy: query.isPlaceholderData,
    go: setPosition,
  });
  // Added to react-query's own result object (not a copy), which keeps its render tracking of the fields read.
  return Object.assign(query, { pager });
}
