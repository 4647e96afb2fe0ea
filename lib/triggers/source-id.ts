import { createHash } from 'node:crypto';

/**
 * A source id part taken from outside (a delivery id header, an item's id). Source ids are keys of a btree
 * index, which refuses very long entries, so long values are replaced by their hash: still unique, still stable.
 */
export function boundedIdPart(value: string, maxLength = 200): string {
  return value.length <= maxLength ? value : `sha256:${createHash('sha256').update(value).digest('hex')}`;
}
