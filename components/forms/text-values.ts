import { z } from 'zod';
import { parseJsonObject } from '@/components/data/json-text';

/**
 * Form values are text where people type them. These turn that text into what the API's schemas take, so a form's
 * schema is `text → value` piped into the API's own field schema: the API's messages, at the API's paths.
 */

/** A number field: blank is undefined (the API's default or "not set"); text that is not a number is an issue. */
export const numberText = z.string().transform((text, ctx) => {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (Number.isFinite(value)) return value;
  ctx.addIssue({ code: 'custom', message: 'must be a number', input: text });
  return z.NEVER;
});

/** Several optional numbers as one object: only those filled in, or null when none is (`rate_limit`). */
export function numberGroup<K extends string>(keys: readonly K[]) {
  const shape = Object.fromEntries(keys.map((key) => [key, numberText])) as Record<K, typeof numberText>;
  return z.object(shape).transform((values) => {
    const filled = Object.entries(values).filter(([, value]) => value !== undefined);
    return filled.length ? (Object.fromEntries(filled) as Partial<Record<K, number>>) : null;
  });
}

/** Optional text: blank is null (clears the value). */
export const blankAsNull = z.string().transform((text) => (text.trim() === '' ? null : text));

/** Optional text: blank is left out. */
export const blankAsUndefined = z.string().transform((text) => (text.trim() === '' ? undefined : text));

/** A JSON object typed into a textarea (filters, sample data); blank is `{}`. */
export const jsonObjectText = z.string().transform((text, ctx) => {
  const parsed = parseJsonObject(text);
  if (parsed.ok) return parsed.value as Record<string, unknown>;
  ctx.addIssue({ code: 'custom', message: parsed.error, input: text });
  return z.NEVER;
});

/** A select that needs a choice: blank reads "choose a workflow" rather than the id format's message. */
export const chosen = (message: string) => z.string().min(1, message);

/**
 * `from.pipe(to)` for a `to` that accepts more than `from` hands it (`to` is optional or nullable too, say): zod
 * types a pipe's target by its exact input, so the wider API schema needs this cast to sit behind the text.
 */
export function pipeTo<A extends z.ZodType, B extends z.ZodType>(from: A, to: B): z.ZodPipe<A, B> {
  return from.pipe(to as unknown as z.ZodType<z.output<B>, z.output<A>>) as unknown as z.ZodPipe<A, B>;
}
