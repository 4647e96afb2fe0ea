/** Display helpers for the dashboard's figures; `—` stands for "no data" (a null rate or percentile). */

export const NO_DATA = '—';

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatRate(rate: number | null): string {
  return rate === null ? NO_DATA : `${(rate * 100).toFixed(1)}%`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_DATA;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A bucket's start on the chart's axis: the time for ranges within a day, else the day and hour. */
export function formatBucket(iso: string, bucketSeconds: number, spanMs: number): string {
  const date = new Date(iso);
  if (bucketSeconds >= 86_400) return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  if (spanMs > 86_400_000)
    return date.toLocaleString(undefined, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
