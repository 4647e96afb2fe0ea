import { type MessageStatus, messageStatusSchema } from '../messages/schemas';
import type { StatusCounts } from './schemas';
import { bucketCount, type StatsWindow } from './window';

/**
 * The dashboard's message figures, derived from one aggregate: the window's message counts by bucket, channel
 * and status (queries.ts `windowCounts`, a few thousand rows at most). Pure functions: every total, series and
 * ranking below adds up from the same rows, so they agree with each other by construction.
 */

export type CountRow = {
  start_ms: number;
  channel_id: string | null;
  channel_name: string | null;
  status: MessageStatus;
  n: number;
};

const STATUSES = messageStatusSchema.options;
export const SUCCEEDED: readonly MessageStatus[] = ['sent', 'delivered'];
// Discarded messages were dead or failed before an operator gave up on them: still failures, so discarding
// never improves the success rate.
export const FAILED: readonly MessageStatus[] = ['failed', 'dead', 'bounced', 'discarded'];
export const IN_FLIGHT: readonly MessageStatus[] = ['queued', 'sending', 'retrying'];

const zeros = (): StatusCounts => Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
const sumOf = (counts: StatusCounts, statuses: readonly MessageStatus[]) =>
  statuses.reduce((n, s) => n + counts[s], 0);
// Names compare as PostgreSQL's C collation does (code points), as the SQL ranking did.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every bucket start of the window, oldest first: the first at or before `from`, the last before `to`. */
export function bucketStarts(window: StatsWindow, originMs: number): number[] {
  const width = window.bucketSeconds * 1000;
  const first = originMs + Math.floor((window.from.getTime() - originMs) / width) * width;
  const count = bucketCount(window.from.getTime(), window.to.getTime(), window.bucketSeconds);
  return Array.from({ length: count }, (_, i) => first + i * width);
}

export function totalsOf(rows: readonly CountRow[]) {
  const byStatus = zeros();
  for (const row of rows) byStatus[row.status] += row.n;
  const succeeded = sumOf(byStatus, SUCCEEDED);
  const failed = sumOf(byStatus, FAILED);
  return {
    messages: STATUSES.reduce((n, s) => n + byStatus[s], 0),
    succeeded,
    failed,
    in_flight: sumOf(byStatus, IN_FLIGHT),
    by_status: byStatus,
    success_rate: succeeded + failed > 0 ? succeeded / (succeeded + failed) : null,
  };
}

/** Messages by status in every bucket, empty buckets as zeros. */
export function volumeOf(rows: readonly CountRow[], starts: readonly number[]) {
  const index = new Map(starts.map((start, i) => [start, i]));
  const volume = starts.map((start) => ({ start: new Date(start).toISOString(), counts: zeros() }));
  for (const row of rows) {
    const i = index.get(row.start_ms);
    if (i !== undefined) volume[i]!.counts[row.status] += row.n;
  }
  return volume;
}

/** One dense series per channel and status that had messages: by channel name (deleted channels last), status. */
export function volumeByChannelOf(rows: readonly CountRow[], starts: readonly number[]) {
  const index = new Map(starts.map((start, i) => [start, i]));
  const series = new Map<
    string,
    { channel_id: string | null; channel_name: string | null; status: MessageStatus; counts: number[] }
  >();
  for (const row of rows) {
    const key = `${row.channel_id}/${row.status}`;
    let entry = series.get(key);
    if (!entry) {
      entry = {
        channel_id: row.channel_id,
        channel_name: row.channel_name,
        status: row.status,
        counts: starts.map(() => 0),
      };
      series.set(key, entry);
    }
    const i = index.get(row.start_ms);
    if (i !== undefined) entry.counts[i]! += row.n;
  }
  return [...series.values()].sort(
    (a, b) =>
      (a.channel_name === null ? 1 : 0) - (b.channel_name === null ? 1 : 0) ||
      byText(a.channel_name ?? '', b.channel_name ?? '') ||
      byText(a.channel_id ?? '', b.channel_id ?? '') ||
      byText(a.status, b.status),
  );
}

/** Channels with the most failed, dead, bounced or discarded messages (ties: higher failure rate, then name). */
export function topFailingOf(rows: readonly CountRow[], limit: number) {
  const channels = new Map<
    string,
    { channel_id: string; name: string; failures: number; finished: number }
  >();
  for (const row of rows) {
    if (row.channel_id === null || row.channel_name === null) continue;
    const failed = FAILED.includes(row.status);
    if (!failed && !SUCCEEDED.includes(row.status)) continue;
    const entry = channels.get(row.channel_id) ?? {
      channel_id: row.channel_id,
      name: row.channel_name,
      failures: 0,
      finished: 0,
    };
    entry.finished += row.n;
    if (failed) entry.failures += row.n;
    channels.set(row.channel_id, entry);
  }
  return [...channels.values()]
    .filter((c) => c.failures > 0)
    .map((c) => ({ ...c, failure_rate: c.failures / c.finished }))
    .sort((a, b) => b.failures - a.failures || b.failure_rate - a.failure_rate || byText(a.name, b.name))
    .slice(0, limit);
}
