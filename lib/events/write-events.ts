import { isOutage, run, type SqlClient, transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { logger } from '../logger';
import { insertRuns } from '../workflow-engine/write-runs';
import { type EventDraft, invalidDraft } from './draft';

/** How one draft was written: as a new row, not at all (its source id was seen before), or refused and kept as invalid. */
export type Written =
  | { outcome: 'inserted'; draft: EventDraft }
  | { outcome: 'duplicate'; draft: EventDraft };

const INSERT_EVENTS = {
  name: 'sb_insert_events',
  text: `INSERT INTO events (id, source, source_id, trigger_id, event_type, payload, raw, status, error, occurred_at)
         SELECT id, source::event_source, "sourceId", "triggerId", "eventType", payload, raw, status::event_status,
           error, "occurredAt"
         FROM json_to_recordset($1::json) AS x(id uuid, source text, "sourceId" text, "triggerId" uuid,
           "eventType" text, payload jsonb, raw text, status text, error text, "occurredAt" timestamptz)
         ON CONFLICT (source, source_id) DO NOTHING
         RETURNING id`,
};

async function writeOnce(client: SqlClient, deps: EngineDeps, drafts: EventDraft[]): Promise<Written[]> {
  const { rows } = await run<{ id: string }>(client, INSERT_EVENTS, [
    JSON.stringify(drafts, (key, value) => (key === 'runs' || key === 'errorPath' ? undefined : value)),
  ]);
  const inserted = new Set(rows.map((r) => r.id));
  await insertRuns(
    client,
    deps.queue,
    drafts.flatMap((d) => (inserted.has(d.id) ? d.runs : [])),
  );
  return drafts.map((draft) => ({ outcome: inserted.has(draft.id) ? 'inserted' : 'duplicate', draft }));
}

/**
 * Writes a batch of events with the runs they start (their messages, delivery and step jobs) in ONE
 * transaction. A row the database refuses does not hold up the rest: the batch is split until the refused
 * draft stands alone, which is then stored as an `invalid` event naming the database's reason. An outage
 * (connection lost, server shutting down) is thrown for the caller to retry the whole batch.
 */
export async function writeEvents(deps: EngineDeps, drafts: EventDraft[]): Promise<Written[]> {
  if (drafts.length === 0) return [];
  try {
    return await transaction(deps.db.$client, (client) => writeOnce(client, deps, drafts));
  } catch (error) {
    if (isOutage(error)) throw error;
    if (drafts.length > 1) {
      const half = Math.ceil(drafts.length / 2);
      return [
        ...(await writeEvents(deps, drafts.slice(0, half))),
        ...(await writeEvents(deps, drafts.slice(half))),
      ];
    }
    const [draft] = drafts as [EventDraft];
    // Even the bare invalid record is refused: nothing more this event can become.
    if (draft.status === 'invalid') throw error;
    const reason = `the database refused this event: ${(error as Error).message}`;
    logger.warn(
      { eventId: draft.id, source: draft.source, sourceId: draft.sourceId, reason },
      'event refused',
    );
    const refused = invalidDraft(draft, JSON.stringify(draft.payload), reason);
    return transaction(deps.db.$client, (client) => writeOnce(client, deps, [refused]));
  }
}
