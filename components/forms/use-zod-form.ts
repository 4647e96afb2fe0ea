'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { type FieldValues, type UseFormProps, useForm } from 'react-hook-form';
import type { z } from 'zod';

type Schema<T extends FieldValues, Out> = z.ZodType<Out, T>;

/**
 * The console's one way to make a form: react-hook-form over the form's values `T` (text where people type),
 * validated by a zod schema built from the API's own schemas, whose parsed output (the request body) is what
 * `handleSubmit` hands on. A schema that depends on a choice made in the form (the provider, the trigger type,
 * the alert kind) is given as `(values) => schema`. Fields are checked when they lose focus, then as they change.
 */
export function useZodForm<T extends FieldValues, Out>(
  schema: Schema<T, Out> | ((values: T) => Schema<T, Out>),
  options: Omit<UseFormProps<T, unknown, Out>, 'resolver'>,
) {
  return useForm<T, unknown, Out>({
    mode: 'onTouched',
    ...options,
    // react-hook-form reads its options afresh on every render, so this always sees the current `schema`.
    resolver: (values, context, resolverOptions) =>
      zodResolver(typeof schema === 'function' ? schema(values) : schema)(values, context, resolverOptions),
  });
}
