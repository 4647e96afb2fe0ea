import type { EngineDeps } from '../deps';
import { eventDocument } from '../triggers/event-document';
import { planNewRuns } from '../workflow-engine/start-runs';
import { cachedWorkflow } from '../workflows/cache';
import { compileFilter } from '../workflows/filters';
import { draftEvent, type EventDraft, type EventSource, type IncomingItem } from './draft';
import { writeEvents } from './write-events';

export type { IncomingItem } from './draft';

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
 * Drafts a batch from one trigger: an event per item (invalid ones keep their raw bytes and the error) and, for
 * every valid event the trigger's filter matches while its workflow is enabled, a run planned as far as it can
 * go now.
 */
export async function draftTriggerBatch(
  trigger: TriggerForIngest,
  source: EventSource,
  items: IncomingItem[],
): Promise<EventDraft[]> {
  const filter = compileFilter(trigger.config.filter as Record<string, unknown> | undefined);
  const workflow = await cachedWorkflow(trigger.workflowId);
  const drafts = items.map((item) =>
    draftEvent({ source, sourceId: item.sourceId, triggerId: trigger.id }, item),
  );
  const matching = drafts.filter((d) => d.payload && filter(eventDocument(d.payload)));
  if (!workflow?.enabled || matching.length === 0) return drafts;
  const runs = await planNewRuns(
    matching.map((d) => ({
      workflow,
      event: { id: d.id, eventType: d.eventType, occurredAt: d.occurredAt },
      triggerId: trigger.id,
      data: d.payload!.data,
    })),
  );
  matching.forEach((draft, index) => {
    draft.runs = [runs[index]!];
  });
  return drafts;
}

/**
 * Stores a batch from one trigger in one transaction (see writeEvents). A redelivered item (same source id)
 * changes nothing. The caller acknowledges its source only after this resolves.
 */
export async function ingestTriggerBatch(
  trigger: TriggerForIngest,
  source: EventSource,
  items: IncomingItem[],
  deps: EngineDeps,
): Promise<IngestResult> {
  if (items.length === 0) return { inserted: 0, invalid: 0, runs: 0, invalidIndexes: [] };
  const written = await writeEvents(deps, await draftTriggerBatch(trigger, source, items));
  const inserted = written.filter((w) => w.outcome === 'inserted');
  return {
    inserted: inserted.length,
    invalid: inserted.filter((w) => w.draft.status === 'invalid').length,
    runs: inserted.reduce((sum, w) => sum + w.draft.runs.length, 0),
    invalidIndexes: written.flatMap((w, index) => (w.draft.status === 'invalid' ? [index] : [])),
  };
}
