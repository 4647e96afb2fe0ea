'use client';

import type { BaseSyntheticEvent, ComponentProps, ReactNode } from 'react';
import { type FieldValues, FormProvider, type UseFormReturn } from 'react-hook-form';
import { FormAlerts } from './form-alerts';

interface MutationFormProps<T extends FieldValues, Out>
  extends Omit<ComponentProps<'form'>, 'onSubmit' | 'noValidate'> {
  form: UseFormReturn<T, unknown, Out>;
  /** What the form sends through: its last answer is dropped before each send, and its error shows above. */
  mutation: { error: unknown; reset: () => void };
  /** The form's `handleSubmit(…)`. */
  onSubmit: (event?: BaseSyntheticEvent) => Promise<void>;
  /** Shown after a successful send that stays on the page ("Saved."). */
  saved?: ReactNode;
}

/**
 * A react-hook-form form that sends through a mutation: the form's context for its fields, the form element
 * (the browser's own checks off: the zod schema's messages show instead) and the notices above the fields.
 */
export function MutationForm<T extends FieldValues, Out>({
  form,
  mutation,
  onSubmit,
  saved,
  className = 'flex flex-col gap-4',
  children,
  ...props
}: MutationFormProps<T, Out>) {
  return (
    <FormProvider {...form}>
      <form
        {...props}
        onSubmit={(event) => {
          mutation.reset();
          void onSubmit(event);
        }}
        noValidate
        className={className}
      >
        <FormAlerts error={mutation.error} saved={saved} />
        {children}
      </form>
    </FormProvider>
  );
}
