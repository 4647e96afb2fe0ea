import { isOutage, run, type SqlClient, transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { logger } from '../logger';
import { enqueueDeliveries, type InsertedMessage, messagesInsertSql } from '../messages/write';
import { recordEvents } from '../metrics/pipeline';
import { enqueuePlanJobs, runParameters, runsInsertSql } from '../workflow-engine/write-runs';
import { type EventDraft, invalidDraft } from './draft';

/** How one draft was written: as a new row, not at all (its source id was seen before), or refused and kept as invalid. */
export type Written =
  | { outcome: 'inserted'; draft: EventDraft }
  | { outcome: 'duplicate'; draft: EventDraft };

/**
 * Events, their runs and the runs' messages in ONE statement (data-modifying CTEs): a batch costs one round trip
 * for its rows whatever its size, which matters most in the web process, where every round trip waits its turn
 * on a busy event loop. Runs are kept only for events actually inserted (not duplicates of a source id), and
 * messages only for those runs. Foreign keys between them are checked at the end of the statement.
 */
const INGEST = {
  name: 'sb_ingest',
  text: `WITH e AS (
           INSERT INTO events (id, source, source_id, trigger_id, event_type, payload, raw, status, error, occurred_at)
           SELECT id, source::event_source, "sourceId", "triggerId", "eventType", payload, raw, status::event_status,
             error, "occurredAt"
           FROM json_to_recordset($1::json) AS x(id uuid, source text, "sourceId" text, "triggerId" uuid,
             "eventType" text, payload jsonb, raw text, status text, error text, "occurredAt" timestamptz)
           ON CONFLICT (source, source_id) DO NOTHING
           RETURNING id),
         r AS (${runsInsertSql('$2', '$3', 'x."eventId" IN (SELECT id FROM e)')}),
         m AS (${messagesInsertSql('$4', 'x."runId" IN (SELECT id FROM r)')})
         SELECT 'event' AS kind, id, NULL::uuid AS channel_id, NULL::text AS status FROM e
         UNION ALL SELECT 'message', id, channel_id, status::text FROM m`,
};

/** The event row of a draft, as INGEST's first recordset reads it. */
function eventRow(d: EventDraft) {
  return {
    id: d.id,
    source: d.source,
    sourceId: d.sourceId,
    triggerId: d.triggerId,
    eventType: d.eventType,
    payload: d.payload,
    raw: d.raw,
    status: d.status,
    error: d.error,
    occurredAt: d.occurredAt,
  };
}

async function writeOnce(client: SqlClient, deps: EngineDeps, drafts: EventDraft[]): Promise<Written[]> {
  const runs = drafts.flatMap((d) => d.runs);
  const { rows } = await run<InsertedMessage & { kind: 'event' | 'message' }>(client, INGEST, [
    JSON.stringify(drafts.map(eventRow)),
    ...runParameters(runs),
    JSON.stringify(runs.flatMap((r) => r.plan.messages)),
  ]);
  const inserted = new Set(rows.filter((r) => r.kind === 'event').map((r) => r.id));
  await enqueueDeliveries(
    client,
    deps.queue,
    rows.filter((r) => r.kind === 'message'),
  );
  await enqueuePlanJobs(
    client,
    deps.queue,
    drafts.flatMap((d) => (inserted.has(d.id) ? d.runs.map((r) => r.plan) : [])),
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
    return await commit(deps, drafts);
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
      {
        requestId: draft.requestId,
        eventId: draft.id,
        source: draft.source,
        sourceId: draft.sourceId,
        reason,
      },
      'event refused',
    );
    const refused = invalidDraft(draft, JSON.stringify(draft.payload), reason);
    return commit(deps, [refused]);
  }
}

/** One transaction; its events are counted only once it has committed (a rolled-back batch counts nothing). */
async function commit(deps: EngineDeps, drafts: EventDraft[]): Promise<Written[]> {
  const written = await transaction(deps.db.$client, (client) => writeOnce(client, deps, drafts));
  recordEvents(
    written.map(({ outcome, draft }) => ({
      outcome,
      source: draft.source,
      triggerId: draft.triggerId,
      status: draft.status,
    })),
  );
  return written;
}
