'use client';

import type { ConfigField } from '@/lib/channels/schemas';
import { ConfigFieldInput } from './config-field-input';
import { type ConfigValues, isMultiline, isVisible } from './config-values';

interface ConfigFieldsProps {
  fields: ConfigField[];
  values: ConfigValues;
  /** Keyed by the field's dotted name (`auth.password`). */
  errors: Record<string, string>;
  onChange: (values: ConfigValues) => void;
  /** Shown when no field applies. */
  emptyText?: string;
}

/** A settings form generated from field descriptions; fields with `when` follow their selector. */
export function ConfigFields({
  fields,
  values,
  errors,
  onChange,
  emptyText = 'Nothing to configure.',
}: ConfigFieldsProps) {
  const visible = fields.filter((field) => isVisible(field, values));
  if (!visible.length) return <p className="text-sm text-slate-500">{emptyText}</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {visible.map((field) => (
        <div key={field.name} className={isMultiline(field) ? 'sm:col-span-2' : undefined}>
          <ConfigFieldInput
            field={field}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            onChange={(value) => onChange({ ...values, [field.name]: value })}
          />
        </div>
      ))}
    </div>
  );
}
