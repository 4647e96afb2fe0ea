import type { Stats } from './stats-queries';

/**
 * Where each dashboard figure leads: the list behind it, filtered the same way (the Messages page reads the
 * API's own filter names from its URL: `status` (comma-separated), `channel_id`, `from`, `to`).
 */
export const SUCCEEDED = 'sent,delivered';
export const FAILED = 'failed,dead,bounced,discarded';
export const IN_FLIGHT = 'queued,sending,retrying';

export function messagesHref(
  stats: Pick<Stats, 'from' | 'to'>,
  filters: { status?: string; channel_id?: string } = {},
) {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.channel_id) query.set('channel_id', filters.channel_id);
  query.set('from', stats.from);
  query.set('to', stats.to);
  return `/messages?${query}`;
}
