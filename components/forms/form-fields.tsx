'use client';

import type { ComponentProps, ReactNode } from 'react';
import { useController, useFormContext, useFormState } from 'react-hook-form';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { ownError } from './field-error';

/**
 * Fields of a react-hook-form form (inside its FormProvider): a label, the control registered under `name`, a hint
 * and the field's error, tied together with aria-invalid and aria-describedby (components/ui/field.tsx).
 */
interface FormFieldProps {
  /** The value's path in the form (`config.auth.password`); errors are looked up there. */
  name: string;
  /** The control's id; the label, hint and error hang off it. */
  id: string;
  label: string;
  hint?: ReactNode;
  className?: string;
}

type ControlProps<E extends 'input' | 'select' | 'textarea'> = Omit<
  ComponentProps<E>,
  'id' | 'name' | 'className' | 'onChange' | 'onBlur' | 'value' | 'defaultValue'
> & { controlClassName?: string };

/** The error message of the field at `name`, re-rendering only when that changes. */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name });
  return ownError(errors, name);
}

export function TextField({
  name,
  id,
  label,
  hint,
  className,
  controlClassName,
  ...props
}: FormFieldProps & ControlProps<'input'>) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Input
        id={id}
        className={controlClassName}
        {...props}
        {...register(name)}
        {...describedBy(id, error, Boolean(hint))}
      />
    </Field>
  );
}

export function TextareaField({
  name,
  id,
  label,
  hint,
  className,
  controlClassName,
  ...props
}: FormFieldProps & ControlProps<'textarea'>) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Textarea
        id={id}
        className={controlClassName}
        {...props}
        {...register(name)}
        {...describedBy(id, error, Boolean(hint))}
      />
    </Field>
  );
}

/**
 * A select, controlled: options that arrive later (channels, workflows) still show the value the form holds.
 * `onValueChange` runs after a choice (choosing a provider resets its settings).
 */
export function SelectField({
  name,
  id,
  label,
  hint,
  className,
  controlClassName,
  onValueChange,
  children,
  ...props
}: FormFieldProps & ControlProps<'select'> & { onValueChange?: (value: string) => void }) {
  const { field } = useController({ name });
  const error = useFieldError(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Select
        id={id}
        className={controlClassName}
        {...props}
        name={field.name}
        ref={field.ref}
        value={field.value ?? ''}
        onBlur={field.onBlur}
        onChange={(event) => {
          field.onChange(event.target.value);
          onValueChange?.(event.target.value);
        }}
        {...describedBy(id, error, Boolean(hint))}
      >
        {children}
      </Select>
    </Field>
  );
}

export function CheckboxField({ name, id, label, hint, className }: FormFieldProps) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <div className={className}>
      <Checkbox id={id} label={label} {...register(name)} {...describedBy(id, error, Boolean(hint))} />
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The own message of an object or a list (`rate_limit`, `steps`), shown above its fields. */
export function GroupError({ name, id, className }: { name: string; id?: string; className?: string }) {
  const error = useFieldError(name);
  return error ? (
    <p id={id} role="alert" className={className ?? 'text-xs text-red-600'}>
      {error}
    </p>
  ) : null;
}
