import { and, asc, eq } from 'drizzle-orm';
import { configCache } from '../cache/config-cache';
import { db as defaultDb, schema } from '../db';
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

interface ApiTrigger extends TriggerMatch {
  test: (doc: unknown) => boolean;
}

/** The enabled `api` triggers of enabled workflows, oldest first, through the configuration cache. */
const apiTriggers = configCache(async (): Promise<ApiTrigger[]> => {
  const { triggers, workflows } = schema;
  const rows = await defaultDb()
    .select({ trigger: triggers, workflow: workflows })
    .from(triggers)
    .innerJoin(workflows, eq(triggers.workflowId, workflows.id))
    .where(and(eq(triggers.type, 'api'), eq(triggers.enabled, true), eq(workflows.enabled, true)))
    .orderBy(asc(triggers.createdAt), asc(triggers.id));
  return rows.map(({ trigger, workflow }) => ({
    trigger: toTriggerView(trigger),
    workflow: toWorkflowView(workflow),
    test: compiledFilter({
      id: trigger.id,
      version: trigger.version,
      filter: trigger.config.filter as Filter,
    }),
  }));
});

/** The enabled `api` triggers of enabled workflows whose filter matches the event, oldest trigger first. */
export async function findMatchingApiTriggers(event: TriggerEvent): Promise<TriggerMatch[]> {
  const doc = eventDocument(event);
  return (await apiTriggers.get('api'))
    .filter(({ test }) => test(doc))
    .map(({ trigger, workflow }) => ({ trigger, workflow }));
}
