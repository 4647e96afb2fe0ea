import { eq } from 'drizzle-orm';
import { configCache } from '../cache/config-cache';
import { db, schema } from '../db';

export type WorkflowRow = typeof schema.workflows.$inferSelect;

/** Workflows by id, as ingestion reads them for every batch: through the configuration cache. */
const workflows = configCache(async (id: string): Promise<WorkflowRow | null> => {
  const [row] = await db().select().from(schema.workflows).where(eq(schema.workflows.id, id));
  return row ?? null;
});

export function cachedWorkflow(id: string): Promise<WorkflowRow | null> {
  return workflows.get(id);
}
