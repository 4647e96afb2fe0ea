'use client';

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

function fromNow(date: Date): string {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return relative.format(Math.round(seconds / size), unit);
  }
  return '';
}

interface DateTimeProps {
  value: string | null | undefined;
  /** Shown when there is no value. */
  empty?: string;
  /** "3 minutes ago" instead of the date; the exact time stays in the tooltip. */
  relativeTime?: boolean;
}

/** A timestamp in the browser's locale and time zone. */
export function DateTime({ value, empty = '—', relativeTime = false }: DateTimeProps) {
  if (!value) return <span className="text-slate-500">{empty}</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  return (
    <time
      dateTime={value}
      title={date.toLocaleString()}
      className="whitespace-nowrap"
      suppressHydrationWarning
    >
      {relativeTime ? fromNow(date) : absolute.format(date)}
    </time>
  );
}
