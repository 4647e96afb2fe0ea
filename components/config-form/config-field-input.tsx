'use client';

import { useWatch } from 'react-hook-form';
import { CheckboxField, SelectField, TextareaField, TextField } from '@/components/forms/form-fields';
import type { ConfigField } from '@/lib/channels/schemas';
import { isMultiline, MASK } from './config-values';

/** One setting, rendered from its description: the control follows `kind`, the label is `label`. */
export function ConfigFieldInput({ field, name }: { field: ConfigField; name: string }) {
  const id = `config-${field.name.replaceAll('.', '-')}`;
  const value = useWatch({ name });
  const keepsSecret = field.secret && typeof value === 'string' && value.startsWith(MASK);
  // A stored secret shows its mask ("••••1a2b") as text; sent back unchanged, the server keeps the secret.
  const hint = keepsSecret
    ? 'Stored secret, masked. Leave it to keep the secret, or replace it with a new value.'
    : field.description;
  const common = { name, id, label: field.label, hint, required: field.required };

  if (field.kind === 'boolean') {
    return <CheckboxField name={name} id={id} label={field.label} hint={field.description} />;
  }
  if (field.kind === 'enum') {
    return (
      <SelectField {...common}>
        {field.required && field.default !== undefined ? null : <option value="">—</option>}
        {(field.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </SelectField>
    );
  }
  if (isMultiline(field)) {
    return (
      <TextareaField
        {...common}
        controlClassName="font-mono text-xs"
        rows={field.kind === 'json' ? 4 : 6}
        spellCheck={false}
        autoComplete="off"
      />
    );
  }
  return (
    <TextField
      {...common}
      type={field.secret && !keepsSecret ? 'password' : field.kind === 'number' ? 'number' : 'text'}
      autoComplete={field.secret ? 'new-password' : 'off'}
    />
  );
}
