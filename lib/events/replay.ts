import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Principal } from '../api/principal';
import { audit } from '../audit/log';
import { schema } from '../db';
import { transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { AppError } from '../errors';
import { eventDocument } from '../triggers/event-document';
import { findMatchingApiTriggers } from '../triggers/matching';
import { planNewRuns, type StartedRun, startedRun } from '../workflow-engine/start-runs';
import { insertRuns } from '../workflow-engine/write-runs';
import { compileFilter, type Filter } from '../workflows/filters';
import { toWorkflowView } from '../workflows/service';
import type { NormalisedEvent } from './draft';

type EventRow = typeof schema.events.$inferSelect;
type Match = { triggerId: string; workflow: { id: string; version: number; steps: unknown[] } };

export interface ReplayResult {
  replay_id: string;
  event_id: string;
  duplicate: boolean;
  runs: StartedRun[];
}

interface ReplayOptions {
  idempotencyKey?: string;
  principal: Principal | null;
  requestId?: string;
}

/**
 * Runs an accepted event through its triggers' matching again, as ingestion would now: an `api` event through
 * the enabled `api` triggers, a broker, webhook, schedule or poll event through the trigger that received it.
 * Every match starts a new run (new messages: they are sent again). The runs are planned and written by the
 * engine's own path (planNewRuns, insertRuns), with the replay record and its audit entry in one transaction.
 * With an Idempotency-Key, a repeat answers the first replay and starts nothing.
 */
export async function replayEvent(
  id: string,
  options: ReplayOptions,
  deps: EngineDeps,
): Promise<ReplayResult> {
  const [event] = await deps.db.select().from(schema.events).where(eq(schema.events.id, id));
  if (!event) throw new AppError('not_found', `no event with id ${id}`);
  if (event.status !== 'accepted' || !event.payload) {
    throw new AppError(
      'conflict',
      `event ${id} is invalid (${event.error ?? 'not a valid event'}); only accepted events can be replayed`,
    );
  }
  const earlier = await previousReplay(deps, id, options.idempotencyKey);
  if (earlier) return earlier;

  const payload = event.payload as NormalisedEvent;
  const matches = await matchesOf(event, payload, deps);
  const runs = await planNewRuns(
    matches.map(({ triggerId, workflow }) => ({
      workflow,
      triggerId,
      event: { id: event.id, eventType: event.eventType, occurredAt: event.occurredAt },
      data: payload.data,
      requestId: options.requestId,
    })),
  );
  const started = runs.map(startedRun);
  const replayId = await transaction(deps.db.$client, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO event_replays (event_id, idempotency_key, runs, actor_label)
       VALUES ($1, $2, $3, $4) ON CONFLICT (event_id, idempotency_key) DO NOTHING RETURNING id`,
      [id, options.idempotencyKey ?? null, JSON.stringify(started), actorLabel(options.principal)],
    );
    const replay = rows[0]?.id;
    // The same key, replayed concurrently: the other request's replay stands; this one writes nothing.
    if (!replay) return undefined;
    await insertRuns(client, deps.queue, runs);
    await audit(
      {
        principal: options.principal,
        requestId: options.requestId,
        action: 'event.replay',
        resourceType: 'event',
        resourceId: id,
        changes: { replay_id: replay, event_type: event.eventType, runs: started },
      },
      drizzle({ client, schema, casing: 'snake_case' }),
    );
    return replay;
  });
  if (!replayId) return (await previousReplay(deps, id, options.idempotencyKey))!;
  return { replay_id: replayId, event_id: id, duplicate: false, runs: started };
}

async function previousReplay(
  deps: EngineDeps,
  eventId: string,
  key: string | undefined,
): Promise<ReplayResult | undefined> {
  if (!key) return undefined;
  const r = schema.eventReplays;
  const [row] = await deps.db
    .select()
    .from(r)
    .where(and(eq(r.eventId, eventId), eq(r.idempotencyKey, key)));
  return row && { replay_id: row.id, event_id: eventId, duplicate: true, runs: row.runs };
}

/** The triggers that match the event now, each with its workflow. */
async function matchesOf(event: EventRow, payload: NormalisedEvent, deps: EngineDeps): Promise<Match[]> {
  if (!event.triggerId) {
    const found = await findMatchingApiTriggers(payload);
    return found.map(({ trigger, workflow }) => ({ triggerId: trigger.id, workflow }));
  }
  const [row] = await deps.db
    .select({ trigger: schema.triggers, workflow: schema.workflows })
    .from(schema.triggers)
    .innerJoin(schema.workflows, eq(schema.triggers.workflowId, schema.workflows.id))
    .where(eq(schema.triggers.id, event.triggerId));
  if (!row) throw new AppError('conflict', `the trigger that received event ${event.id} no longer exists`);
  const { trigger, workflow } = row;
  if (!trigger.enabled)
    throw new AppError('conflict', `trigger "${trigger.name}" is disabled; enable it to replay its events`);
  if (!workflow.enabled)
    throw new AppError('conflict', `workflow "${workflow.key}" is disabled; enable it to replay this event`);
  const matches = compileFilter(trigger.config.filter as Filter | undefined);
  if (!matches(eventDocument(payload))) return [];
  return [{ triggerId: trigger.id, workflow: toWorkflowView(workflow) }];
}

function actorLabel(principal: Principal | null): string {
  if (!principal) return 'system';
  return principal.kind === 'user' ? principal.email : principal.name;
}
