import { eq } from 'drizzle-orm';
import { schema } from '../db';
import type { EngineDeps } from '../engine/ports';
import { startRuns } from '../engine/start-runs';
import { compileFilter } from '../workflows/filters';
import { type EventInput, eventInputSchema } from './schemas';

type EventSource = (typeof schema.events.$inferInsert)['source'];

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

export interface TriggerForIngest {
  id: string;
  type: string;
  workflowId: string;
  config: Record<string, unknown>;
}

export interface IngestResult {
  /** Rows written (duplicates of earlier deliveries are not counted). */
  inserted: number;
  invalid: number;
  runs: number;
  /** Positions in `items` that are not valid events (to dead-letter them at the source). */
  invalidIndexes: number[];
}

/**
 * Stores a batch from one trigger in ONE transaction: an event row per item (invalid ones keep their raw bytes
 * and the error), a run + first job for every valid event the trigger's filter matches (only if its workflow is
 * enabled). A redelivered item (same source id) changes nothing. The caller acknowledges its source only after
 * this resolves.
 */
export async function ingestTriggerBatch(
  trigger: TriggerForIngest,
  source: EventSource,
  items: IncomingItem[],
  deps: EngineDeps,
): Promise<IngestResult> {
  if (items.length === 0) return { inserted: 0, invalid: 0, runs: 0, invalidIndexes: [] };
  const filter = compileFilter(trigger.config.filter as Record<string, unknown> | undefined);
  const rows = items.map((item) => toRow(trigger.id, source, item));
  return deps.db.transaction(async (tx) => {
    const [workflow] = await tx
      .select()
      .from(schema.workflows)
      .where(eq(schema.workflows.id, trigger.workflowId));
    const inserted = await tx
      .insert(schema.events)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: schema.events.id, status: schema.events.status, payload: schema.events.payload });
    const matching = inserted.filter((e) => e.status === 'accepted' && filter(e.payload));
    const runs = await startRuns(
      tx,
      deps.queue,
      (workflow?.enabled ? matching : []).map((e) => ({
        workflow: workflow!,
        eventId: e.id,
        triggerId: trigger.id,
        data: (e.payload as EventInput).data,
      })),
    );
    return {
      inserted: inserted.length,
      invalid: inserted.filter((e) => e.status === 'invalid').length,
      runs: runs.length,
      invalidIndexes: rows.flatMap((row, index) => (row.status === 'invalid' ? [index] : [])),
    };
  });
}

function toRow(
  triggerId: string,
  source: EventSource,
  item: IncomingItem,
): typeof schema.events.$inferInsert {
  const base = { source, sourceId: item.sourceId, triggerId };
  if (item.error) return { ...base, status: 'invalid', raw: truncateRaw(item.raw), error: item.error };
  const parsed = eventInputSchema.safeParse(item.body);
  if (!parsed.success) {
    const error = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return {
      ...base,
      status: 'invalid',
      raw: truncateRaw(item.raw ?? JSON.stringify(item.body)),
      error: `not a valid event: ${error}`,
    };
  }
  const occurredAt = parsed.data.timestamp ? new Date(parsed.data.timestamp) : new Date();
  return {
    ...base,
    eventType: parsed.data.event_type,
    payload: {
      event_type: parsed.data.event_type,
      timestamp: occurredAt.toISOString(),
      data: parsed.data.data,
    },
    occurredAt,
  };
}

/** Raw payloads are kept for ops to read, up to 256 KiB; the rest is cut with a note (a 2 MB body is still stored). */
const RAW_LIMIT = 256 * 1024;
function truncateRaw(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  return raw.length > RAW_LIMIT
    ? `${raw.slice(0, RAW_LIMIT)}\n… [${raw.length - RAW_LIMIT} more characters not stored]`
    : raw;
}
