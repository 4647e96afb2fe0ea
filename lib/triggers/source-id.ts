import { createHash } from 'node:crypto';
import { storableText } from '../db/unstorable';

/**
 * A source id part taken from outside (a delivery id header, an item's id). Source ids are keys of a btree
 * index, which refuses very long entries, so long values are replaced by their hash: still unique, still stable.
 * What PostgreSQL cannot store (U+0000) is made visible: a refused source id would fail its batch on every retry.
 */
export function boundedIdPart(value: string, maxLength = 200): string {
  return value.length <= maxLength
    ? storableText(value)
    : `sha256:${createHash('sha256').update(value).digest('hex')}`;
}
