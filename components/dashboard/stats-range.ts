/**
 * The dashboard's time range as the URL keeps it: `?range=1h|24h|7d` (rolling, ending now) or `?from=&to=`
 * (ISO timestamps, fixed). No parameter means the last 24 hours. Pure functions, so the page, its links and its
 * tests agree on one reading.
 */

export const PRESETS = {
  '1h': { label: '1 hour', spanMs: 3_600_000, bucket: 'minute' },
  '24h': { label: '24 hours', spanMs: 86_400_000, bucket: 'hour' },
  '7d': { label: '7 days', spanMs: 7 * 86_400_000, bucket: 'hour' },
} as const;
export type Preset = keyof typeof PRESETS;
export const DEFAULT_PRESET: Preset = '24h';

/** The longest custom range (the stats endpoint's own limit). */
export const MAX_CUSTOM_SPAN_MS = 90 * 86_400_000;

export type StatsRange = { kind: 'preset'; preset: Preset } | { kind: 'custom'; from: string; to: string };

export interface ParsedRange {
  range: StatsRange;
  /** Why the URL's range was not used (the default is shown instead). */
  problem?: string;
}

const isPreset = (value: string): value is Preset => Object.hasOwn(PRESETS, value);

/** What a custom from/to pair has wrong, or undefined when it is fine. */
export function customRangeProblem(from: string, to: string): string | undefined {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (Number.isNaN(fromMs)) return 'The start of the range is not a date.';
  if (Number.isNaN(toMs)) return 'The end of the range is not a date.';
  if (toMs <= fromMs) return 'The end of the range must be after its start.';
  if (toMs - fromMs > MAX_CUSTOM_SPAN_MS) return 'A range may span at most 90 days.';
  return undefined;
}

export function parseRange(params: Pick<URLSearchParams, 'get'>): ParsedRange {
  const fallback: StatsRange = { kind: 'preset', preset: DEFAULT_PRESET };
  const from = params.get('from');
  const to = params.get('to');
  if (from || to) {
    const problem = customRangeProblem(from ?? '', to ?? '');
    if (problem) return { range: fallback, problem: `${problem} Showing the last 24 hours instead.` };
    return {
      range: { kind: 'custom', from: new Date(from!).toISOString(), to: new Date(to!).toISOString() },
    };
  }
  const preset = params.get('range');
  if (preset === null) return { range: fallback };
  if (isPreset(preset)) return { range: { kind: 'preset', preset } };
  return {
    range: fallback,
    problem: `Unknown range “${preset}” (use 1h, 24h or 7d). Showing the last 24 hours instead.`,
  };
}

/** The query string (without `?`) that keeps this range in the URL. */
export function rangeSearch(range: StatsRange): string {
  if (range.kind === 'preset') return new URLSearchParams({ range: range.preset }).toString();
  return new URLSearchParams({ from: range.from, to: range.to }).toString();
}

/** A stable identity for query keys. */
export function rangeKey(range: StatsRange): string {
  return range.kind === 'preset' ? range.preset : `${range.from}..${range.to}`;
}

/** The window to ask the stats endpoint for: a preset ends `now` (so it rolls forward), a custom range is fixed. */
export function rangeWindow(
  range: StatsRange,
  now = Date.now(),
): { from: string; to: string; bucket?: string } {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  const { spanMs, bucket } = PRESETS[range.preset];
  return { from: new Date(now - spanMs).toISOString(), to: new Date(now).toISOString(), bucket };
}

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** "last 24 hours", or "Dec 1, 10:00 – Dec 2, 10:00". */
export function rangeLabel(range: StatsRange): string {
  if (range.kind === 'preset') return `last ${PRESETS[range.preset].label}`;
  return `${dateTime(range.from)} – ${dateTime(range.to)}`;
}

export function rangeSpanMs(range: StatsRange): number {
  return range.kind === 'preset'
    ? PRESETS[range.preset].spanMs
    : Date.parse(range.to) - Date.parse(range.from);
}
