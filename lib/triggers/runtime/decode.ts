import { isUtf8 } from 'node:buffer';
import { jsonNestingExceeds, MAX_JSON_DEPTH } from '../../api/json-depth';
import type { IncomingItem } from '../../events/ingest-trigger';

/** Bigger bodies are not events; they are stored as invalid (raw cut to 256 KiB) and the source moves on. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/** Turns broker bytes into an item for ingestTriggerBatch: JSON or an `invalid` item naming the problem. */
export function decodeMessage(sourceId: string, bytes: Buffer | null): IncomingItem {
  if (!bytes || bytes.length === 0) return { sourceId, raw: '', error: 'empty message' };
  const raw = bytes.toString('utf8');
  if (bytes.length > MAX_EVENT_BYTES) {
    return {
      sourceId,
      raw,
      error: `message is ${bytes.length} bytes; events may be at most ${MAX_EVENT_BYTES} bytes`,
    };
  }
  // Refused rather than read with U+FFFD in place of each bad byte: a Latin-1 `é` would be lost without a word.
  if (!isUtf8(bytes)) return { sourceId, raw, error: 'not UTF-8: events must be JSON encoded in UTF-8' };
  // Deeper documents would exhaust the stack of whatever walks them next, stalling the source on one message.
  if (jsonNestingExceeds(raw))
    return { sourceId, raw, error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { sourceId, body: JSON.parse(raw), raw };
  } catch (error) {
    return { sourceId, raw, error: `not JSON: ${(error as Error).message}` };
  }
}
