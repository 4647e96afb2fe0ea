import Link from 'next/link';
import { useId } from 'react';
import { cn } from '@/components/ui/cn';
import { formatCount, formatDuration, formatRate } from './format';
import { FAILED, IN_FLIGHT, messagesHref, SUCCEEDED } from './links';
import type { Stats } from './stats-queries';

type Tone = 'neutral' | 'good' | 'bad';

interface TileProps {
  label: string;
  value: string;
  hint: string;
  href: string;
  tone?: Tone;
  title?: string;
}

const TONE: Record<Tone, string> = {
  neutral: 'text-slate-900',
  good: 'text-emerald-700',
  bad: 'text-red-700',
};

/** A labelled region (found by its name) whose whole surface links to the list behind the figure. */
function Tile({ label, value, hint, href, tone = 'neutral', title }: TileProps) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <Link
        href={href}
        title={title}
        className="block h-full rounded-md border border-slate-200 bg-white px-3 py-2 transition-colors hover:border-slate-300 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
      >
        <p id={id} className="text-xs font-medium text-slate-500">
          {label}
        </p>
        <p className={cn('text-2xl font-semibold tabular-nums', TONE[tone])}>{value}</p>
        <p className="text-xs text-slate-500">{hint}</p>
      </Link>
    </section>
  );
}

/** The range's headline figures, exactly as the stats endpoint computed them, each leading to its messages. */
function rangeTiles(stats: Stats): TileProps[] {
  const { totals, latency_ms: latency } = stats;
  const errorRate = stats.error_rate;
  const succeeded = messagesHref(stats, { status: SUCCEEDED });
  return [
    {
      label: 'Messages',
      value: formatCount(totals.messages),
      hint: 'created in range',
      href: messagesHref(stats),
    },
    { label: 'Sent', value: formatCount(totals.succeeded), hint: 'sent or delivered', href: succeeded },
    {
      label: 'Failed',
      value: formatCount(totals.failed),
      hint: 'failed, dead, bounced or discarded',
      tone: totals.failed ? 'bad' : 'neutral',
      href: messagesHref(stats, { status: FAILED }),
    },
    {
      label: 'In flight',
      value: formatCount(totals.in_flight),
      hint: 'queued, sending, retrying',
      href: messagesHref(stats, { status: IN_FLIGHT }),
    },
    {
      label: 'Success rate',
      value: formatRate(stats.success_rate),
      hint: 'of finished messages',
      tone: stats.success_rate === null ? 'neutral' : stats.success_rate >= 0.95 ? 'good' : 'bad',
      href: messagesHref(stats, { status: FAILED }),
    },
    {
      label: 'Error rate',
      value: formatRate(errorRate),
      hint: 'of delivery attempts',
      tone: errorRate ? 'bad' : 'neutral',
      href: messagesHref(stats, { status: `${FAILED},retrying` }),
    },
    {
      label: 'Latency p50',
      value: formatDuration(latency.p50),
      hint: `event → sent, ${formatCount(latency.samples)} samples`,
      href: succeeded,
    },
    { label: 'Latency p95', value: formatDuration(latency.p95), hint: 'event → sent', href: succeeded },
  ];
}

/** Figures for right now, whatever the range. */
function nowTiles(stats: Stats): TileProps[] {
  const queue = stats.queue_depth;
  const lag = stats.consumer_lag;
  const alerts = stats.open_alerts.count;
  return [
    {
      label: 'Dead letters waiting',
      value: formatCount(stats.dead_letters_waiting),
      hint: 'now, from any time',
      tone: stats.dead_letters_waiting ? 'bad' : 'neutral',
      href: '/dead-letters',
    },
    {
      label: 'Queue depth',
      value: queue ? formatCount(queue.ready) : '—',
      hint: queue
        ? `jobs due now · ${formatCount(queue.scheduled)} scheduled · ${formatCount(queue.active)} running`
        : 'no worker has started yet',
      title: queue?.queues
        .map((q) => `${q.queue}: ${q.ready} due, ${q.scheduled} scheduled, ${q.active} running`)
        .join('\n'),
      href: '/health',
    },
    {
      label: 'Consumer lag',
      value: lag.total === null ? '—' : formatCount(lag.total),
      hint: `messages not yet consumed · ${formatCount(lag.triggers_reporting)} trigger${lag.triggers_reporting === 1 ? '' : 's'} reporting`,
      tone: lag.triggers.some((t) => t.errors > 0) ? 'bad' : 'neutral',
      href: '/triggers',
    },
    {
      label: 'Open alerts',
      value: formatCount(alerts),
      hint: alerts ? stats.open_alerts.rules.map((r) => r.name).join(', ') : 'no alert rule is firing',
      tone: alerts ? 'bad' : 'good',
      href: '/alerts',
    },
  ];
}

function Tiles({ tiles, className }: { tiles: TileProps[]; className: string }) {
  return (
    <div className={className}>
      {tiles.map((tile) => (
        <Tile key={tile.label} {...tile} />
      ))}
    </div>
  );
}

export function RangeTiles({ stats }: { stats: Stats }) {
  return <Tiles tiles={rangeTiles(stats)} className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8" />;
}

export function NowTiles({ stats }: { stats: Stats }) {
  return <Tiles tiles={nowTiles(stats)} className="grid grid-cols-2 gap-2 sm:grid-cols-4" />;
}
