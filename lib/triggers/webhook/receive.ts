import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type Db, db as defaultDb, schema } from '../../db';
import type { EngineDeps } from '../../deps';
import { AppError } from '../../errors';
import { commitEvent } from '../../events/group-commit';
import { draftTriggerBatch } from '../../events/ingest-trigger';
import { startedRun } from '../../workflow-engine/start-runs';
import { openTriggerConfig } from '../secrets';
import { boundedIdPart } from '../source-id';
import type { WebhookTriggerConfig } from '../types/webhook';
import { webhookItem } from './map';
import type { WebhookReceipt } from './schemas';
import { verifyWebhook } from './verify';

export interface WebhookTrigger {
  id: string;
  type: 'webhook';
  workflowId: string;
  config: WebhookTriggerConfig;
}

/** The enabled webhook trigger with its secrets in clear; anything else is a 404, so ids cannot be probed. */
export async function loadWebhookTrigger(id: string, database: Db = defaultDb()): Promise<WebhookTrigger> {
  const [row] = await database.select().from(schema.triggers).where(eq(schema.triggers.id, id));
  if (row?.type !== 'webhook' || !row.enabled)
    throw new AppError('not_found', `no enabled webhook trigger with id ${id}`);
  return {
    id: row.id,
    type: 'webhook',
    workflowId: row.workflowId,
    config: openTriggerConfig('webhook', row.config) as WebhookTriggerConfig,
  };
}

/**
 * One inbound delivery: verified first (401 stores nothing), then drafted like every other source and written in
 * the process's group commit, so the event row, its runs and their jobs commit together with the requests of the
 * moment. A delivery id seen before is a duplicate and answers with the first delivery's event.
 */
export async function receiveWebhook(
  trigger: WebhookTrigger,
  headers: Headers,
  rawBody: string,
  deps: EngineDeps,
  requestId?: string,
): Promise<WebhookReceipt> {
  verifyWebhook(trigger.config, headers, rawBody);
  const sourceId = `${trigger.id}:${deliveryId(trigger.config, headers) ?? randomUUID()}`;
  const item = webhookItem(trigger.config, sourceId, rawBody, new Date());
  const [draft] = await draftTriggerBatch(trigger, 'webhook', [item]);
  // The request id goes with the event into its runs, so the delivery logs can name the request.
  draft!.requestId = requestId;
  for (const run of draft!.runs) run.requestId = requestId;
  const written = await commitEvent(deps, draft!);
  if (written.outcome === 'inserted') {
    const { id, status, error, runs } = written.draft;
    return {
      event_id: id,
      duplicate: false,
      status,
      ...(error ? { error } : {}),
      runs: runs.map(startedRun),
    };
  }
  const { events, workflowRuns } = schema;
  const [event] = await deps.db
    .select({ id: events.id, status: events.status, error: events.error })
    .from(events)
    .where(and(eq(events.source, 'webhook'), eq(events.sourceId, sourceId)));
  if (!event)
    throw new AppError('conflict', 'the event of this delivery was deleted meanwhile; send it again');
  const runs = await deps.db
    .select({ workflow_id: workflowRuns.workflowId, run_id: workflowRuns.id })
    .from(workflowRuns)
    .where(eq(workflowRuns.eventId, event.id));
  return {
    event_id: event.id,
    duplicate: true,
    status: event.status,
    ...(event.error ? { error: event.error } : {}),
    runs,
  };
}
/**
 * The sender's id for this delivery, which stays the same when it retries. Standard Webhooks signs
 * `webhook-id`, so it is the default there.
 */
function deliveryId(config: WebhookTriggerConfig, headers: Headers): string | undefined {
  const header =
    config.delivery_id_header ?? (config.verification.type === 'standard' ? 'webhook-id' : undefined);
  const value = header ? headers.get(header)?.trim() : undefined;
  return value ? boundedIdPart(value) : undefined;
}
