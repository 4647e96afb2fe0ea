import type { MessageFilter } from './queries';

/**
 * The Messages page's filters as the URL keeps them: `?status=dead,failed&channel_id=…&workflow_id=…&q=…&from=…&to=…`
 * (the names and formats of GET /api/v1/messages, so a URL of the page reads like the API call it makes). Pure
 * functions, shared by the page's hook and its tests. Values are passed on as they are: the API checks them and
 * the page shows its answer (a 422 naming the parameter) for a hand-edited URL.
 */
export const FILTER_PARAMS = ['status', 'channel_id', 'workflow_id', 'q', 'from', 'to'] as const;

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
 * does not own (`keep`, e.g. a tab or an anchor's state) stay as they were.
 */
export function paramsFromFilter(filter: MessageFilter, keep?: URLSearchParams): string {
  const params = new URLSearchParams();
  if (keep) {
    for (const [name, value] of keep) {
      if (!(FILTER_PARAMS as readonly string[]).includes(name)) params.append(name, value);
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
