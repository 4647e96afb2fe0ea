import { isDeepStrictEqual } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { schema } from '../db';
import type { EngineDeps } from '../deps';
import { AppError } from '../errors';
import { findMatchingApiTriggers } from '../triggers/service';
import { planNewRuns, type StartedRun, startedRun } from '../workflow-engine/start-runs';
import { acceptedDraft, type EventDraft } from './draft';
import { commitEvent } from './group-commit';
import type { EventInput } from './schemas';

export interface AcceptedEvent {
  event_id: string;
  duplicate: boolean;
  runs: StartedRun[];
}

/**
 * POST /api/v1/events: the event row, one run per matching `api` trigger (advanced through every step that can
 * run now, so a send step's messages and delivery jobs are written too) commit together, in a group commit with
 * the other requests of the moment. With an Idempotency-Key, a repeat returns the first answer and creates
 * nothing; the same key with a different body is refused, as the IETF Idempotency-Key draft asks. An event
 * PostgreSQL cannot store (a NUL in a string) is kept as `invalid` and refused with the field named.
 */
export async function ingestApiEvent(
  event: EventInput,
  idempotencyKey: string | undefined,
  deps: EngineDeps,
  requestId?: string,
): Promise<AcceptedEvent> {
  const sourceId = idempotencyKey ? `idempotency-key:${idempotencyKey}` : null;
  const draft = acceptedDraft({ source: 'api', sourceId, triggerId: null }, event);
  draft.requestId = requestId;
  if (draft.payload) {
    const matches = await findMatchingApiTriggers(draft.payload);
    draft.runs = await planNewRuns(
      matches.map(({ trigger, workflow }) => ({
        workflow,
        triggerId: trigger.id,
        event: { id: draft.id, eventType: draft.eventType, occurredAt: draft.occurredAt },
        data: event.data,
        requestId,
      })),
    );
  }
  const written = await commitEvent(deps, draft);
  if (written.outcome === 'duplicate') return replay(deps, sourceId!, draft);
  if (written.draft.status === 'invalid') throw refusal(written.draft);
  return { event_id: written.draft.id, duplicate: false, runs: written.draft.runs.map(startedRun) };
}

function refusal(draft: EventDraft): AppError {
  const error = draft.error ?? 'not a valid event';
  const field = draft.errorPath
    ? [{ path: draft.errorPath, message: error.replace(`${draft.errorPath}: `, '') }]
    : [];
  return new AppError('invalid', `${error} (kept as invalid event ${draft.id})`, field);
}

async function replay(deps: EngineDeps, sourceId: string, draft: EventDraft): Promise<AcceptedEvent> {
  const [existing] = await deps.db
    .select()
    .from(schema.events)
    .where(and(eq(schema.events.source, 'api'), eq(schema.events.sourceId, sourceId)));
  if (!existing)
    throw new AppError('conflict', 'a request with this Idempotency-Key is being processed; retry shortly');
  const stored = existing.payload as { event_type: string; data: unknown } | null;
  const same =
    stored?.event_type === draft.payload?.event_type && isDeepStrictEqual(stored?.data, draft.payload?.data);
  if (!same) {
    throw new AppError('invalid', 'Idempotency-Key was already used for a different event', [
      { path: 'headers.idempotency-key', message: 'reused with a different body' },
    ]);
  }
  const runs = await deps.db
    .select({ workflow_id: schema.workflowRuns.workflowId, run_id: schema.workflowRuns.id })
    .from(schema.workflowRuns)
    .where(eq(schema.workflowRuns.eventId, existing.id));
  return { event_id: existing.id, duplicate: true, runs };
}
