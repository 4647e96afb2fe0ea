'use client';

import type { ReactNode } from 'react';
import { useController, useFormState } from 'react-hook-form';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldNotes } from '@/components/ui/field';
import { errorsUnder } from './field-error';

interface CheckboxGroupFieldProps {
  /** A string list in the form (`notify_channel_ids`): the checked options' values, in the order ticked. */
  name: string;
  id: string;
  legend: string;
  options: { value: string; label: string }[];
  /** Shown instead of the options while there are none (loading, "create one first"). */
  empty?: ReactNode;
  className?: string;
}

/**
 * Several checkboxes for one list value. Controlled, because native checkboxes sharing a name read as a single
 * boolean while only one option exists. Errors for the list or any entry (`notify_channel_ids.2`) show below.
 */
export function CheckboxGroupField({ name, id, legend, options, empty, className }: CheckboxGroupFieldProps) {
  const { field } = useController({ name });
  const { errors } = useFormState({ name });
  // The list's own message, else the first about one of its entries.
  const error = Object.values(errorsUnder(errors, name))[0];
  const selected: string[] = Array.isArray(field.value) ? field.value : [];

  function toggle(value: string, on: boolean) {
    field.onChange(on ? [...selected, value] : selected.filter((existing) => existing !== value));
  }

  return (
    <fieldset className={className} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      {options.length ? null : empty}
      <div className="flex flex-col gap-2">
        {options.map((option) => (
          <Checkbox
            key={option.value}
            id={`${id}-${option.value}`}
            label={option.label}
            checked={selected.includes(option.value)}
            onChange={(e) => toggle(option.value, e.target.checked)}
            onBlur={field.onBlur}
          />
        ))}
      </div>
      <FieldNotes id={id} error={error} className="mt-1" />
    </fieldset>
  );
}
