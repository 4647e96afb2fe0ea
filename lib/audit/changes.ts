/**
 * The one shape of `audit_log.changes`, so the console can show every entry as a diff:
 *
 * - create: `{after: {...the new resource}}`
 * - update: `{before: {...changed fields as they were}, after: {...as they are now}}` (only fields that changed)
 * - delete: `{before: {...what was removed}}`
 * - an action (re-drive, discard, replay, test send): its own fields, e.g. `{reason, count, ...}`, beside
 *   `before`/`after` when it changed a resource's fields.
 *
 * Values must already have secrets masked (channel and trigger views mask them; passwords are never stored).
 */
export type AuditChanges = Record<string, unknown> & {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

export function created(after: object): AuditChanges {
  return { after: { ...after } };
}

export function deleted(before: object): AuditChanges {
  return { before: { ...before } };
}

/** The fields of `after` whose value differs from `before` (deep, by JSON), as `{before, after}`. */
export function updated(before: object, after: object): AuditChanges {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (JSON.stringify(was[key]) === JSON.stringify(now[key])) continue;
    from[key] = was[key] ?? null;
    to[key] = now[key] ?? null;
  }
  return { before: from, after: to };
}

/** A copy without bookkeeping fields that change on every write and say nothing about the change. */
export function withoutBookkeeping<T extends object>(
  view: T,
): Omit<T, 'id' | 'version' | 'created_at' | 'updated_at'> {
  const { id, version, created_at, updated_at, ...rest } = view as T & {
    id?: unknown;
    version?: unknown;
    created_at?: unknown;
    updated_at?: unknown;
  };
  return rest;
}
