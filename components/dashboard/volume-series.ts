import type { Stats } from './stats-queries';

/** Chart rows and the series drawn on them, from the stats endpoint's dense per-bucket counts. */

export type VolumeView = 'status' | 'channel';
/** Which statuses the by-channel view counts. */
export type StatusGroup = 'all' | 'succeeded' | 'failed' | 'in_flight';

export const STATUS_GROUPS: Record<StatusGroup, { label: string; statuses: string[] | null }> = {
  all: { label: 'All statuses', statuses: null },
  succeeded: { label: 'Sent or delivered', statuses: ['sent', 'delivered'] },
  failed: { label: 'Failed, dead or bounced', statuses: ['failed', 'dead', 'bounced'] },
  in_flight: { label: 'In flight', statuses: ['queued', 'sending', 'retrying'] },
};

// Tailwind's palette as hex (the chart draws SVG, not classes): greens arrived, reds did not, greys in flight.
export const STATUS_COLOURS: Record<string, string> = {
  queued: '#94a3b8',
  sending: '#38bdf8',
  retrying: '#f59e0b',
  sent: '#10b981',
  delivered: '#047857',
  failed: '#ef4444',
  dead: '#991b1b',
  bounced: '#f97316',
  discarded: '#64748b',
};
const CHANNEL_COLOURS = [
  '#0ea5e9',
  '#8b5cf6',
  '#10b981',
  '#f59e0b',
  '#ef4444',
  '#ec4899',
  '#14b8a6',
  '#6366f1',
];
const OTHER_COLOUR = '#94a3b8';
/** Channels drawn one by one; the rest are summed as "other channels". */
export const MAX_CHANNEL_SERIES = CHANNEL_COLOURS.length;

export interface Series {
  key: string;
  name: string;
  colour: string;
}

export interface VolumeData {
  rows: Record<string, number | string>[];
  series: Series[];
}

/** Stacked by status: one series per status that had messages in the range. */
export function byStatus(stats: Stats): VolumeData {
  const statuses = Object.keys(stats.totals.by_status).filter(
    (status) => (stats.totals.by_status as Record<string, number>)[status]! > 0,
  );
  return {
    rows: stats.volume.map((bucket) => ({ start: bucket.start, ...bucket.counts })),
    series: statuses.map((status) => ({
      key: status,
      name: status,
      colour: STATUS_COLOURS[status] ?? OTHER_COLOUR,
    })),
  };
}

/** Stacked by channel, counting the chosen statuses: the busiest channels one by one, the rest together. */
export function byChannel(stats: Stats, group: StatusGroup): VolumeData {
  const wanted = STATUS_GROUPS[group].statuses;
  const perChannel = new Map<string, { name: string; counts: number[] }>();
  for (const series of stats.volume_by_channel) {
    if (wanted && !wanted.includes(series.status)) continue;
    const key = series.channel_id ?? 'deleted';
    const entry = perChannel.get(key) ?? {
      name: series.channel_name ?? 'deleted channel',
      counts: stats.volume.map(() => 0),
    };
    series.counts.forEach((n, i) => {
      entry.counts[i] = (entry.counts[i] ?? 0) + n;
    });
    perChannel.set(key, entry);
  }
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const ranked = [...perChannel.entries()]
    .filter(([, entry]) => total(entry.counts) > 0)
    .sort((a, b) => total(b[1].counts) - total(a[1].counts));
  const shown = ranked.slice(0, MAX_CHANNEL_SERIES);
  const rest = ranked.slice(MAX_CHANNEL_SERIES);
  const series: Series[] = shown.map(([key, entry], i) => ({
    key: `ch:${key}`,
    name: entry.name,
    colour: CHANNEL_COLOURS[i % CHANNEL_COLOURS.length]!,
  }));
  if (rest.length)
    series.push({ key: 'ch:other', name: `${rest.length} other channels`, colour: OTHER_COLOUR });
  const rows = stats.volume.map((bucket, i) => {
    const row: Record<string, number | string> = { start: bucket.start };
    for (const [key, entry] of shown) row[`ch:${key}`] = entry.counts[i] ?? 0;
    if (rest.length) row['ch:other'] = rest.reduce((n, [, entry]) => n + (entry.counts[i] ?? 0), 0);
    return row;
  });
  return { rows, series };
}
