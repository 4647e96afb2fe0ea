'use client';

import type { ComponentProps, ReactNode } from 'react';
import { useController, useFormContext, useFormState } from 'react-hook-form';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field, FieldNotes } from '@/components/ui/field';
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

type ShellProps = FormFieldProps & { controlClassName?: string };

/** What a field's control gets: the caller's own props, its id and class, and what ties it to the hint or error. */
type Control<P extends ShellProps> = Omit<P, keyof ShellProps> & {
  id: string;
  className?: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
};

/** The shell every field below shares: its label, hint and error around the control `children` renders. */
function FieldShell<P extends ShellProps>({
  field,
  children,
}: {
  field: P;
  children: (control: Control<P>) => ReactNode;
}) {
  const { name, id, label, hint, className, controlClassName, ...props } = field;
  const error = useFieldError(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      {children({ id, className: controlClassName, ...props, ...describedBy(id, error, Boolean(hint)) })}
    </Field>
  );
}

export function TextField(props: FormFieldProps & ControlProps<'input'>) {
  const { register } = useFormContext();
  return (
    <FieldShell field={props}>{(control) => <Input {...control} {...register(props.name)} />}</FieldShell>
  );
}

export function TextareaField(props: FormFieldProps & ControlProps<'textarea'>) {
  const { register } = useFormContext();
  return (
    <FieldShell field={props}>{(control) => <Textarea {...control} {...register(props.name)} />}</FieldShell>
  );
}

/**
 * A select, controlled: options that arrive later (channels, workflows) still show the value the form holds.
 * `onValueChange` runs after a choice (choosing a provider resets its settings).
 */
export function SelectField({
  onValueChange,
  children,
  ...props
}: FormFieldProps & ControlProps<'select'> & { onValueChange?: (value: string) => void }) {
  const { field } = useController({ name: props.name });
  return (
    <FieldShell field={props}>
      {(control) => (
        <Select
          {...control}
          name={field.name}
          ref={field.ref}
          value={field.value ?? ''}
          onBlur={field.onBlur}
          onChange={(event) => {
            field.onChange(event.target.value);
            onValueChange?.(event.target.value);
          }}
        >
          {children}
        </Select>
      )}
    </FieldShell>
  );
}

export function CheckboxField({ name, id, label, hint, className }: FormFieldProps) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <div className={className}>
      <Checkbox id={id} label={label} {...register(name)} {...describedBy(id, error, Boolean(hint))} />
      <FieldNotes id={id} hint={hint} error={error} className="mt-1" />
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
