import { randomUUID } from 'node:crypto';
import type { schema } from '../db';
import { findUnstorable, storableText } from '../db/unstorable';
import type { NewRun } from '../workflow-engine/write-runs';
import { type EventInput, eventInputSchema } from './schemas';

export type EventSource = (typeof schema.events.$inferInsert)['source'];

/** One message from a broker, webhook, schedule tick or poll, before it is an event row. */
export interface IncomingItem {
  /** Unique per source (topic/partition/offset, message id, delivery id, tick time, item id): the dedupe key. */
  sourceId: string;
  /** The decoded body; validated here against the seed's event format. */
  body?: unknown;
  /** The original bytes, kept when the body cannot be decoded or validated. */
  raw?: string;
  /** Why the message could not be decoded (set by the source when it could not even parse it). */
  error?: string;
}

/**
 * An event row about to be written, with the runs it starts already planned. Ids are made here, so a batch
 * insert needs no read-back to tie rows together.
 */
export interface EventDraft {
  id: string;
  source: EventSource;
  sourceId: string | null;
  triggerId: string | null;
  status: 'accepted' | 'invalid';
  eventType: string | null;
  payload: NormalisedEvent | null;
  raw: string | null;
  error: string | null;
  /** For an invalid event: the failing field, when one can be named (`data.name`). */
  errorPath?: string;
  occurredAt: Date | null;
  runs: NewRun[];
  /** The API request that brought it (REST events), for the log lines of its runs and messages. */
  requestId?: string;
}

/** The seed's event format with the time filled in: what filters, templates and the events table see. */
export interface NormalisedEvent {
  event_type: string;
  timestamp: string;
  data: EventInput['data'];
}

/** Raw payloads are kept for ops to read, up to 256 KiB; the rest is cut with a note (a 2 MB body is still stored). */
const RAW_LIMIT = 256 * 1024;
function keepRaw(raw: string | undefined | null): string | null {
  if (raw === undefined || raw === null) return null;
  const cut =
    raw.length > RAW_LIMIT
      ? `${raw.slice(0, RAW_LIMIT)}\n… [${raw.length - RAW_LIMIT} more characters not stored]`
      : raw;
  return storableText(cut);
}

export function invalidDraft(
  base: Pick<EventDraft, 'source' | 'sourceId' | 'triggerId'>,
  raw: string | undefined | null,
  error: string,
  errorPath?: string,
): EventDraft {
  return {
    ...base,
    id: randomUUID(),
    status: 'invalid',
    eventType: null,
    payload: null,
    raw: keepRaw(raw),
    // The error may quote what was wrong (a key holding U+0000): it must be storable itself.
    error: storableText(error),
    ...(errorPath ? { errorPath } : {}),
    occurredAt: null,
    runs: [],
  };
}

/** A valid event in the seed's format becomes an accepted draft; anything else an invalid one saying why. */
export function draftEvent(
  base: Pick<EventDraft, 'source' | 'sourceId' | 'triggerId'>,
  input: { body?: unknown; raw?: string; error?: string },
): EventDraft {
  if (input.error) return invalidDraft(base, input.raw, input.error);
  const parsed = eventInputSchema.safeParse(input.body);
  if (!parsed.success) {
    const error = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return invalidDraft(base, input.raw ?? JSON.stringify(input.body), `not a valid event: ${error}`);
  }
  return acceptedDraft(base, parsed.data, input.raw);
}

export function acceptedDraft(
  base: Pick<EventDraft, 'source' | 'sourceId' | 'triggerId'>,
  event: EventInput,
  raw?: string,
): EventDraft {
  const occurredAt = event.timestamp ? new Date(event.timestamp) : new Date();
  const payload = { event_type: event.event_type, timestamp: occurredAt.toISOString(), data: event.data };
  const bad = findUnstorable(payload);
  if (bad) return invalidDraft(base, raw ?? JSON.stringify(payload), `${bad.path}: ${bad.message}`, bad.path);
  return {
    ...base,
    id: randomUUID(),
    status: 'accepted',
    eventType: event.event_type,
    payload,
    raw: null,
    error: null,
    occurredAt,
    runs: [],
  };
}
