'use client';

import type { ProviderDescription } from '@/lib/channels/schemas';
import { ConfigFieldInput } from './config-field-input';
import { type ConfigValues, isMultiline, isVisible } from './config-values';

interface ConfigFieldsProps {
  provider: ProviderDescription;
  values: ConfigValues;
  /** Keyed by the field's dotted name (`auth.password`). */
  errors: Record<string, string>;
  onChange: (values: ConfigValues) => void;
}

/** The provider's settings form, generated from its description; fields with `when` follow their selector. */
export function ConfigFields({ provider, values, errors, onChange }: ConfigFieldsProps) {
  const visible = provider.fields.filter((field) => isVisible(field, values));
  if (!visible.length) return <p className="text-sm text-slate-500">This provider has no settings.</p>;
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
