import { desc, eq } from 'drizzle-orm';
import { type Db, schema } from '../db';

export interface MaintenanceRunView {
  started_at: string;
  finished_at: string | null;
  deleted: Record<string, number>;
  error: string | null;
}

/** The latest run of a maintenance task, finished or still going. */
export async function lastMaintenanceRun(database: Db, task: string): Promise<MaintenanceRunView | null> {
  const mr = schema.maintenanceRuns;
  const [row] = await database
    .select()
    .from(mr)
    .where(eq(mr.task, task))
    .orderBy(desc(mr.startedAt))
    .limit(1);
  if (!row) return null;
  return {
    started_at: row.startedAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    deleted: row.deleted,
    error: row.error,
  };
}
