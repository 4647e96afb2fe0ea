'use client';

import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { describedBy } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { isoToLocal, localToIso } from '@/components/ui/time-input';
import { customRangeProblem, PRESETS, type Preset, rangeWindow, type StatsRange } from './stats-range';

function Choice({ label, checked, onSelect }: { label: string; checked: boolean; onSelect: () => void }) {
  return (
    <label
      className={cn(
        'relative cursor-pointer rounded px-2.5 py-1 text-slate-600 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-slate-400',
        checked ? 'bg-slate-900 text-white' : 'hover:bg-slate-100',
      )}
    >
      <input
        type="radio"
        name="stats-range"
        checked={checked}
        onChange={onSelect}
        className="absolute inset-0 cursor-pointer appearance-none opacity-0"
      />
      {label}
    </label>
  );
}

/** From/to inputs for a custom range; the range changes (and the URL with it) only on "Apply". */
function CustomRange({ range, onChange }: { range: StatsRange; onChange: (range: StatsRange) => void }) {
  const initial = rangeWindow(range);
  const [from, setFrom] = useState(isoToLocal(initial.from));
  const [to, setTo] = useState(isoToLocal(initial.to));
  const [problem, setProblem] = useState<string>();
  const id = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const range = { from: localToIso(from) ?? '', to: localToIso(to) ?? '' };
    const found = customRangeProblem(range.from, range.to);
    setProblem(found);
    if (!found) onChange({ kind: 'custom', ...range });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-2 text-xs" aria-label="Custom range">
      <label htmlFor={`${id}-from`} className="flex items-center gap-1.5 text-slate-600">
        From
        <Input
          id={`${id}-from`}
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          className="h-7 w-auto text-xs"
          {...describedBy(id, problem)}
        />
      </label>
      <label htmlFor={`${id}-to`} className="flex items-center gap-1.5 text-slate-600">
        To
        <Input
          id={`${id}-to`}
          type="datetime-local"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          className="h-7 w-auto text-xs"
          {...describedBy(id, problem)}
        />
      </label>
      <Button type="submit" size="sm" variant="secondary">
        Apply
      </Button>
      {problem ? (
        <p id={`${id}-error`} className="basis-full text-red-600">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/**
 * A segmented control of native radio buttons (arrow keys move between ranges, screen readers name the group):
 * the presets, and "Custom", which shows from/to inputs. The choice shows at once; the parent keys this on the
 * URL's range, so it starts again from the URL whenever that changes (a new range, Back).
 */
export function RangePicker({
  range,
  onChange,
}: {
  range: StatsRange;
  onChange: (range: StatsRange) => void;
}) {
  const [choice, setChoice] = useState<Preset | 'custom'>(range.kind === 'custom' ? 'custom' : range.preset);
  return (
    <div className="flex flex-col items-end gap-2">
      <fieldset className="flex rounded-md border border-slate-200 bg-white p-0.5 text-xs font-medium">
        <legend className="sr-only">Time range</legend>
        {(Object.keys(PRESETS) as Preset[]).map((preset) => (
          <Choice
            key={preset}
            label={PRESETS[preset].label}
            checked={choice === preset}
            onSelect={() => {
              setChoice(preset);
              onChange({ kind: 'preset', preset });
            }}
          />
        ))}
        <Choice label="Custom" checked={choice === 'custom'} onSelect={() => setChoice('custom')} />
      </fieldset>
      {choice === 'custom' ? <CustomRange range={range} onChange={onChange} /> : null}
    </div>
  );
}
