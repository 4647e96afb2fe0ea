import { isDeepStrictEqual } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { schema } from '../db';
import type { EngineDeps } from '../engine/ports';
import { type StartedRun, startRuns } from '../engine/start-runs';
import { AppError } from '../errors';
import { findMatchingApiTriggers } from '../triggers/service';
import type { EventInput } from './schemas';

export interface AcceptedEvent {
  event_id: string;
  duplicate: boolean;
  runs: StartedRun[];
}

/**
 * POST /api/v1/events: the event row, one run per matching `api` trigger and each run's first job commit in
 * one transaction. With an Idempotency-Key, a repeat returns the first answer and creates nothing; the same
 * key with a different body is refused (422), as the IETF Idempotency-Key draft asks.
 */
export async function ingestApiEvent(
  event: EventInput,
  idempotencyKey: string | undefined,
  deps: EngineDeps,
): Promise<AcceptedEvent> {
  const sourceId = idempotencyKey ? `idempotency-key:${idempotencyKey}` : null;
  const occurredAt = event.timestamp ? new Date(event.timestamp) : new Date();
  const normalised = { event_type: event.event_type, timestamp: occurredAt.toISOString(), data: event.data };
  const matches = await findMatchingApiTriggers(normalised, deps.db);

  return deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(schema.events)
      .values({ source: 'api', sourceId, eventType: event.event_type, payload: normalised, occurredAt })
      .onConflictDoNothing()
      .returning({ id: schema.events.id });
    if (!inserted) return replay(tx, sourceId!, normalised);
    const runs = await startRuns(
      tx,
      deps.queue,
      matches.map(({ trigger, workflow }) => ({
        workflow,
        triggerId: trigger.id,
        eventId: inserted.id,
        data: event.data,
      })),
    );
    return { event_id: inserted.id, duplicate: false, runs };
  });
}

async function replay(
  tx: Parameters<Parameters<EngineDeps['db']['transaction']>[0]>[0],
  sourceId: string,
  normalised: { event_type: string; data: unknown },
): Promise<AcceptedEvent> {
  const [existing] = await tx
    .select()
    .from(schema.events)
    .where(and(eq(schema.events.source, 'api'), eq(schema.events.sourceId, sourceId)));
  if (!existing)
    throw new AppError('conflict', 'a request with this Idempotency-Key is being processed; retry shortly');
  const stored = existing.payload as { event_type: string; data: unknown };
  if (stored.event_type !== normalised.event_type || !isDeepStrictEqual(stored.data, normalised.data)) {
    throw new AppError('invalid', 'Idempotency-Key was already used for a different event', [
      { path: 'headers.idempotency-key', message: 'reused with a different body' },
    ]);
  }
  const runs = await tx
    .select({ workflow_id: schema.workflowRuns.workflowId, run_id: schema.workflowRuns.id })
    .from(schema.workflowRuns)
    .where(eq(schema.workflowRuns.eventId, existing.id));
  return { event_id: existing.id, duplicate: true, runs };
}
