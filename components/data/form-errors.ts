import { ProblemError } from '@/lib/client/api';

/** Field messages from a failed mutation's problem `errors`, keyed by path without `body.` (`config.url`). */
export function problemFields(error: unknown): Record<string, string> {
  return error instanceof ProblemError ? error.fieldErrors() : {};
}

/** The messages whose path starts with `prefix.`, keyed by the rest (`config.` → `url`, `auth.password`). */
export function fieldsUnder(fields: Record<string, string>, prefix: string): Record<string, string> {
  const under: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    if (path.startsWith(`${prefix}.`)) under[path.slice(prefix.length + 1)] ??= message;
  }
  return under;
}
