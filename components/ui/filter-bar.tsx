'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import { DebouncedInput } from './debounced-input';
import { Field } from './field';
import { Input } from './input';
import { Select } from './select';
import { isoToLocal, localToIso } from './time-input';

/*
 * The pieces of a list's filter bar (messages, dead letters, audit log, events). Each control is labelled, and
 * hands on `undefined` for "no filter", so a page keeps only what is set (in its URL, where it has one).
 */

const GRID = 'grid gap-3 sm:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] sm:items-end';

/** The bar: a search landmark named `label`, its controls in a grid that wraps (or laid out by `className`). */
export function FilterBar({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <search aria-label={label} className={className ?? GRID}>
      {children}
    </search>
  );
}

interface FilterProps {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  className?: string;
}

type Option = string | { value: string; label: string };

/** A select whose first option (`allLabel`, "All channels") clears the filter. */
export function SelectFilter({
  id,
  label,
  value,
  onChange,
  className,
  allLabel,
  options,
}: FilterProps & { allLabel: string; options: readonly Option[] }) {
  return (
    <Field id={id} label={label} className={className}>
      <Select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{allLabel}</option>
        {options.map((option) => {
          const { value, label } = typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <option key={value} value={value}>
              {label}
            </option>
          );
        })}
      </Select>
    </Field>
  );
}

/** A text filter, handed on (trimmed) once typing pauses, so the list is not refetched on every key. */
export function SearchFilter({
  id,
  label,
  value,
  onChange,
  className,
  placeholder,
  suggestions,
}: FilterProps & { placeholder?: string; suggestions?: readonly string[] }) {
  const listId = suggestions ? `${id}-suggestions` : undefined;
  return (
    <Field id={id} label={label} className={className}>
      <DebouncedInput
        id={id}
        type="search"
        list={listId}
        placeholder={placeholder}
        value={value}
        onCommit={onChange}
      />
      {suggestions ? (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      ) : null}
    </Field>
  );
}

/** A date and time in the browser's zone, handed on as an ISO time (what the API takes). */
export function DateTimeFilter({ id, label, value, onChange, className }: FilterProps) {
  return (
    <Field id={id} label={label} className={className}>
      <Input
        id={id}
        type="datetime-local"
        value={isoToLocal(value)}
        onChange={(event) => onChange(localToIso(event.target.value))}
      />
    </Field>
  );
}

/** The ends of a date range: the list's parameter and the control's label. */
const RANGE_ENDS = [
  { name: 'from', label: 'From' },
  { name: 'to', label: 'To' },
] as const;

/** From and To: the list's `from` and `to`, under the ids `${idPrefix}-from` and `${idPrefix}-to`. */
export function DateRangeFilters({
  idPrefix,
  onChange,
  ...values
}: {
  idPrefix: string;
  from: string | undefined;
  to: string | undefined;
  onChange: (patch: { from?: string; to?: string }) => void;
}) {
  return RANGE_ENDS.map(({ name, label }) => (
    <DateTimeFilter
      key={name}
      id={`${idPrefix}-${name}`}
      label={label}
      value={values[name]}
      onChange={(value) => onChange({ [name]: value })}
    />
  ));
}

/** "Clear filters", shown while any filter is set. */
export function ClearFilters({ shown, onClear }: { shown: boolean; onClear: () => void }) {
  return shown ? (
    <div>
      <Button variant="ghost" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  ) : null;
}
