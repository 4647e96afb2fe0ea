'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MESSAGE_STATUSES, type MessageStatus } from '@/components/messages/message-statuses';
import { formatBucket, formatCount } from './format';
import type { Stats } from './queries';

// Tailwind's palette as hex (the chart draws SVG, not classes): greens arrived, reds did not, greys in flight.
const COLOURS: Record<MessageStatus, string> = {
  queued: '#94a3b8',
  sending: '#38bdf8',
  retrying: '#f59e0b',
  sent: '#10b981',
  delivered: '#047857',
  failed: '#ef4444',
  dead: '#991b1b',
  bounced: '#f97316',
};

/** Messages created in each bucket of the range, stacked by status; empty buckets are the endpoint's zeros. */
export function VolumeChart({ stats, spanMs }: { stats: Stats; spanMs: number }) {
  const shown = MESSAGE_STATUSES.filter((status) => stats.totals.by_status[status] > 0);
  const data = stats.volume.map((bucket) => ({
    label: formatBucket(bucket.start, stats.bucket_seconds, spanMs),
    ...bucket.counts,
  }));
  const unit = stats.bucket_seconds >= 86_400 ? 'day' : stats.bucket_seconds >= 3600 ? 'hour' : 'minute';
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="sr-only">
        Messages created per {unit}, stacked by status: {formatCount(stats.totals.messages)} in this range.
      </figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#64748b' }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} width={40} />
            <Tooltip cursor={{ fill: '#f1f5f9' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {shown.map((status) => (
              <Bar key={status} dataKey={status} name={status} stackId="status" fill={COLOURS[status]} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {shown.length === 0 ? (
        <p className="text-center text-sm text-slate-500">No messages in this range.</p>
      ) : null}
    </figure>
  );
}
