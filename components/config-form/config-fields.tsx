'use client';

import { useWatch } from 'react-hook-form';
import type { ConfigField } from '@/lib/channels/schemas';
import { ConfigFieldInput } from './config-field-input';
import { type ConfigValues, isMultiline, isVisible } from './config-values';

interface ConfigFieldsProps {
  fields: ConfigField[];
  /** Where the values live in the form (`config`, `params`). */
  name: string;
  /** Shown when no field applies. */
  emptyText?: string;
}

/** A settings form generated from field descriptions; fields with `when` follow their selector. */
export function ConfigFields({ fields, name, emptyText = 'Nothing to configure.' }: ConfigFieldsProps) {
  const values = (useWatch({ name }) ?? {}) as ConfigValues;
  const visible = fields.filter((field) => isVisible(field, values));
  if (!visible.length) return <p className="text-sm text-slate-500">{emptyText}</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {visible.map((field) => (
        <div key={field.name} className={isMultiline(field) ? 'sm:col-span-2' : undefined}>
          <ConfigFieldInput field={field} name={`${name}.${field.name}`} />
        </div>
      ))}
    </div>
  );
}
