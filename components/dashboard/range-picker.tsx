'use client';

import { cn } from '@/components/ui/cn';
import { STAT_RANGES, type StatRange } from './queries';

/**
 * A segmented control of native radio buttons: arrow keys move between ranges, screen readers name the group.
 * Each radio is transparent and covers its label, so a click lands on the control itself.
 */
export function RangePicker({ value, onChange }: { value: StatRange; onChange: (range: StatRange) => void }) {
  return (
    <fieldset className="flex rounded-md border border-slate-200 bg-white p-0.5 text-xs font-medium">
      <legend className="sr-only">Time range</legend>
      {(Object.keys(STAT_RANGES) as StatRange[]).map((range) => (
        <label
          key={range}
          className={cn(
            'relative cursor-pointer rounded px-2.5 py-1 text-slate-600 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-slate-400',
            range === value ? 'bg-slate-900 text-white' : 'hover:bg-slate-100',
          )}
        >
          <input
            type="radio"
            name="stats-range"
            value={range}
            checked={range === value}
            onChange={() => onChange(range)}
            className="absolute inset-0 cursor-pointer appearance-none opacity-0"
          />
          {STAT_RANGES[range].label}
        </label>
      ))}
    </fieldset>
  );
}
