import type { ChannelView } from './schemas';
import { getPath } from './secrets';

type Auditable = Omit<ChannelView, 'id' | 'version' | 'created_at' | 'updated_at'>;

/** What the audit log keeps of a channel: the masked view without bookkeeping fields. */
export function auditableChannel({ id, version, created_at, updated_at, ...rest }: ChannelView): Auditable {
  return rest;
}

/**
 * Before/after of the fields that changed (masked, as in the view). Secrets are listed by path when their stored
 * value changed, since two different secrets can share a mask.
 */
export function channelChanges(
  before: ChannelView,
  after: ChannelView,
  secretPaths: readonly string[],
  storedBefore: Record<string, unknown>,
  storedAfter: Record<string, unknown>,
): Record<string, unknown> {
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  const a = auditableChannel(before) as Record<string, unknown>;
  const b = auditableChannel(after) as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    from[key] = a[key];
    to[key] = b[key];
  }
  const secretsChanged = secretPaths.filter(
    (path) => getPath(storedBefore, path) !== getPath(storedAfter, path),
  );
  return { before: from, after: to, ...(secretsChanged.length ? { secrets_changed: secretsChanged } : {}) };
}
