import { and, asc, eq } from 'drizzle-orm';
import { type Db, db as defaultDb, schema, type Tx } from '../db';
import type { Filter } from '../workflows/filters';
import type { WorkflowView } from '../workflows/schemas';
import { toWorkflowView } from '../workflows/service';
import { eventDocument, type TriggerEvent } from './event-document';
import { compiledFilter } from './filter-cache';
import type { TriggerView } from './schemas';
import { toTriggerView } from './view';

export interface TriggerMatch {
  trigger: TriggerView;
  workflow: WorkflowView;
}

/**
 * The enabled `api` triggers of enabled workflows whose filter matches the event, oldest trigger first. One
 * query (a join) per event; compiled filters are cached per trigger id and version.
 */
export async function findMatchingApiTriggers(
  event: TriggerEvent,
  database: Db | Tx = defaultDb(),
): Promise<TriggerMatch[]> {
  const { triggers, workflows } = schema;
  const rows = await database
    .select({ trigger: triggers, workflow: workflows })
    .from(triggers)
    .innerJoin(workflows, eq(triggers.workflowId, workflows.id))
    .where(and(eq(triggers.type, 'api'), eq(triggers.enabled, true), eq(workflows.enabled, true)))
    .orderBy(asc(triggers.createdAt), asc(triggers.id));
  const doc = eventDocument(event);
  return rows
    .filter(({ trigger }) =>
      compiledFilter({ id: trigger.id, version: trigger.version, filter: trigger.config.filter as Filter })(
        doc,
      ),
    )
    .map(({ trigger, workflow }) => ({
      trigger: toTriggerView(trigger),
      workflow: toWorkflowView(workflow),
    }));
}
