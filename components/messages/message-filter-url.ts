import { FIRST_PAGE, type PagePosition } from '@/components/data/list-query';
import type { MessageFilter } from './queries';

/**
 * The Messages page's filters as the URL keeps them: `?status=dead,failed&channel_id=…&workflow_id=…&q=…&from=…&to=…`
 * (the names and formats of GET /api/v1/messages, so a URL of the page reads like the API call it makes). Pure
 * functions, shared by the page's hook and its tests. Values are passed on as they are: the API checks them and
 * the page shows its answer (a 422 naming the parameter) for a hand-edited URL.
 */
export const FILTER_PARAMS = ['status', 'channel_id', 'workflow_id', 'q', 'from', 'to'] as const;

/**
 * The page shown, beside the filters: `?cursor=…&page=3` (after a page's `next_cursor`) or `?before=…&page=2`
 * (before its `prev_cursor`); none on the first page. `page` is only the number shown ("Page 3").
 */
export const PAGE_PARAMS = ['cursor', 'before', 'page'] as const;

export function filterFromParams(params: Pick<URLSearchParams, 'get'>): MessageFilter {
  const filter: MessageFilter = {};
  for (const name of FILTER_PARAMS) {
    const value = params.get(name)?.trim();
    if (value) filter[name] = value;
  }
  return filter;
}

/**
 * The query string (without `?`) for a filter, in a fixed order, empty values left out. Parameters the filter
 * does not own (`keep`, e.g. a tab or an anchor's state) stay as they were, but the page's: another filter
 * starts at its first page.
 */
export function paramsFromFilter(filter: MessageFilter, keep?: URLSearchParams): string {
  const params = new URLSearchParams();
  const owned: readonly string[] = [...FILTER_PARAMS, ...PAGE_PARAMS];
  if (keep) {
    for (const [name, value] of keep) {
      if (!owned.includes(name)) params.append(name, value);
    }
  }
  for (const name of FILTER_PARAMS) {
    const value = filter[name]?.trim();
    if (value) params.set(name, value);
  }
  return params.toString();
}

export function sameFilter(a: MessageFilter, b: MessageFilter): boolean {
  return FILTER_PARAMS.every((name) => (a[name]?.trim() || undefined) === (b[name]?.trim() || undefined));
}

/**
 * Whether a change of filter adds a history entry or replaces the current one. Refining a search that is
 * already there (`inv` → `invoice`, as typing pauses) replaces it, so Back does not step through every pause;
 * starting or clearing a search, and any other change, adds one, so Back undoes it.
 */
export function historyMode(from: MessageFilter, to: MessageFilter): 'push' | 'replace' {
  const onlySearch = FILTER_PARAMS.every((name) => name === 'q' || from[name] === to[name]);
  return onlySearch && from.q && to.q ? 'replace' : 'push';
}

/** The page the URL names; the first page without a cursor, page 2 or later with one. */
export function positionFromParams(params: Pick<URLSearchParams, 'get'>): PagePosition {
  const before = params.get('before') || undefined;
  const cursor = before ? undefined : params.get('cursor') || undefined;
  if (!before && !cursor) return FIRST_PAGE;
  const page = Number(params.get('page'));
  return { cursor, before, page: Number.isSafeInteger(page) && page >= 2 ? page : 2 };
}

/** The query string for showing `position`: the page's parameters replaced, the filters and the rest kept. */
export function paramsWithPosition(params: URLSearchParams, position: PagePosition): string {
  const next = new URLSearchParams(params);
  for (const name of PAGE_PARAMS) next.delete(name);
  const at = position.before
    ? ['before', position.before]
    : position.cursor
      ? ['cursor', position.cursor]
      : null;
  if (at) {
    next.set(at[0]!, at[1]!);
    next.set('page', String(position.page));
  }
  return next.toString();
}
