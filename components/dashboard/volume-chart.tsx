'use client';

import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Select } from '@/components/ui/select';
import { formatBucket, formatCount } from './format';
import type { Stats } from './stats-queries';
import { byChannel, byStatus, STATUS_GROUPS, type StatusGroup, type VolumeView } from './volume-series';

function ViewSwitch({ view, onChange }: { view: VolumeView; onChange: (view: VolumeView) => void }) {
  return (
    <fieldset className="flex rounded-md border border-slate-200 p-0.5 text-xs font-medium">
      <legend className="sr-only">Stack the volume by</legend>
      {(['status', 'channel'] as const).map((option) => (
        <label
          key={option}
          className={`relative cursor-pointer rounded px-2 py-0.5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-slate-400 ${
            view === option ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100'
          }`}
        >
          <input
            type="radio"
            name="volume-view"
            checked={view === option}
            onChange={() => onChange(option)}
            className="absolute inset-0 cursor-pointer appearance-none opacity-0"
          />
          By {option}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Messages created in each bucket of the range, stacked by status or by channel (counting the chosen statuses);
 * empty buckets are the endpoint's zeros.
 */
export function VolumeChart({ stats, spanMs }: { stats: Stats; spanMs: number }) {
  const [view, setView] = useState<VolumeView>('status');
  const [group, setGroup] = useState<StatusGroup>('all');
  const { rows, series } = view === 'status' ? byStatus(stats) : byChannel(stats, group);
  const data = rows.map((row) => ({
    ...row,
    label: formatBucket(String(row.start), stats.bucket_seconds, spanMs),
  }));
  const unit = stats.bucket_seconds >= 86_400 ? 'day' : stats.bucket_seconds >= 3600 ? 'hour' : 'minute';

  return (
    <figure className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {view === 'channel' ? (
          <Select
            aria-label="Statuses counted"
            value={group}
            onChange={(e) => setGroup(e.target.value as StatusGroup)}
            className="h-7 w-auto text-xs"
          >
            {(Object.keys(STATUS_GROUPS) as StatusGroup[]).map((key) => (
              <option key={key} value={key}>
                {STATUS_GROUPS[key].label}
              </option>
            ))}
          </Select>
        ) : null}
        <ViewSwitch view={view} onChange={setView} />
      </div>
      <figcaption className="sr-only">
        Messages created per {unit}, stacked by {view}: {formatCount(stats.totals.messages)} in this range.
      </figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#64748b' }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} width={40} />
            <Tooltip cursor={{ fill: '#f1f5f9' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} stackId="volume" fill={s.colour} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {series.length === 0 ? (
        <p className="text-center text-sm text-slate-500">No messages in this range.</p>
      ) : null}
    </figure>
  );
}
