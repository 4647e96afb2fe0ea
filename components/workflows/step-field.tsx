'use client';

import type { ReactNode } from 'react';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';

interface StepFieldProps {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: ReactNode;
  multiline?: boolean;
  type?: 'text' | 'number';
  placeholder?: string;
  className?: string;
  onChange: (value: string) => void;
}

/** A labelled text input or textarea inside a step card. */
export function StepField({
  id,
  label,
  value,
  error,
  hint,
  multiline,
  type,
  placeholder,
  className,
  onChange,
}: StepFieldProps) {
  const common = { id, value, placeholder, ...describedBy(id, error, Boolean(hint)) };
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      {multiline ? (
        <Textarea
          {...common}
          rows={4}
          spellCheck={false}
          className="font-mono text-xs"
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input
          {...common}
          type={type ?? 'text'}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
