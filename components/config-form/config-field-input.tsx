'use client';

import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import type { ConfigField } from '@/lib/channels/schemas';
import { isMultiline, MASK } from './config-values';

interface ConfigFieldInputProps {
  field: ConfigField;
  value: string | boolean;
  error?: string;
  onChange: (value: string | boolean) => void;
}

/** One setting, rendered from its description: the control follows `kind`, the label is `label`. */
export function ConfigFieldInput({ field, value, error, onChange }: ConfigFieldInputProps) {
  const id = `config-${field.name.replaceAll('.', '-')}`;
  const text = typeof value === 'string' ? value : '';
  const keepsSecret = field.secret && text.startsWith(MASK);
  // A stored secret shows its mask ("••••1a2b") as text; sent back unchanged, the server keeps the secret.
  const hint = keepsSecret
    ? 'Stored secret, masked. Leave it to keep the secret, or replace it with a new value.'
    : field.description;

  if (field.kind === 'boolean') {
    return (
      <div className="flex flex-col gap-1">
        <Checkbox
          id={id}
          label={field.label}
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        {error ? <p className="text-xs text-red-600">{error}</p> : null}
        {field.description && !error ? <p className="text-xs text-slate-500">{field.description}</p> : null}
      </div>
    );
  }

  const common = { id, required: field.required, ...describedBy(id, error, Boolean(hint)) };
  return (
    <Field id={id} label={field.label} hint={hint} error={error}>
      {field.kind === 'enum' ? (
        <Select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {field.required && field.default !== undefined ? null : <option value="">—</option>}
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
      ) : isMultiline(field) ? (
        <Textarea
          {...common}
          className="font-mono text-xs"
          rows={field.kind === 'json' ? 4 : 6}
          spellCheck={false}
          autoComplete="off"
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input
          {...common}
          type={field.secret && !keepsSecret ? 'password' : field.kind === 'number' ? 'number' : 'text'}
          autoComplete={field.secret ? 'new-password' : 'off'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
