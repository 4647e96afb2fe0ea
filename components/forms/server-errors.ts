import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ProblemError } from '@/lib/client/api';

export interface FieldMessage {
  path: string;
  message: string;
}

const depth = (path: string) => path.split('.').length;

/**
 * A failed request's problem+json `errors[]` as form field names: only paths under `body.` (the form's values),
 * with `body.` dropped and then renamed where the form keeps a value elsewhere (`config.filter` → `filter`);
 * `rename` returning undefined drops one. The first message per field wins; parents come before their children,
 * so an object's own message does not overwrite its fields'.
 */
export function serverFieldErrors(
  error: unknown,
  rename: (path: string) => string | undefined = (path) => path,
): FieldMessage[] {
  if (!(error instanceof ProblemError)) return [];
  const byField = new Map<string, string>();
  for (const { path, message } of error.errors) {
    if (!path.startsWith('body.')) continue;
    const field = rename(path.slice('body.'.length));
    if (field && !byField.has(field)) byField.set(field, message);
  }
  return [...byField]
    .map(([path, message]) => ({ path, message }))
    .sort((a, b) => depth(a.path) - depth(b.path));
}

/** Shows the server's field errors next to the fields (until they are edited or the form is sent again). */
export function setServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  rename?: (path: string) => string | undefined,
): void {
  for (const { path, message } of serverFieldErrors(error, rename)) {
    setError(path as Path<T>, { type: 'server', message });
  }
}
