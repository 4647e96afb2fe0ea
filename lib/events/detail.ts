import { asc, eq } from 'drizzle-orm';
import { type Db, schema } from '../db';
import { withRead } from '../db/replicas';
import { AppError } from '../errors';
import type { EventDetail } from './schemas';
import { toEventView } from './service';

const MAX_RUNS = 200;

async function findEvent(id: string, database: Db): Promise<EventDetail | undefined> {
  const [row] = await database.select().from(schema.events).where(eq(schema.events.id, id));
  if (!row) return undefined;
  const r = schema.workflowRuns;
  const w = schema.workflows;
  const [runs, replays] = await Promise.all([
    database
      .select({ run: r, key: w.key, name: w.name })
      .from(r)
      .innerJoin(w, eq(w.id, r.workflowId))
      .where(eq(r.eventId, id))
      .orderBy(asc(r.startedAt), asc(r.id))
      .limit(MAX_RUNS),
    database
      .select({ id: schema.eventReplays.id, runs: schema.eventReplays.runs })
      .from(schema.eventReplays)
      .where(eq(schema.eventReplays.eventId, id)),
  ]);
  const replayOf = new Map(replays.flatMap((replay) => replay.runs.map((run) => [run.run_id, replay.id])));
  return {
    ...toEventView(row),
    runs: runs.map(({ run, key, name }) => ({
      id: run.id,
      workflow_id: run.workflowId,
      workflow_key: key,
      workflow_name: name,
      workflow_version: run.workflowVersion,
      trigger_id: run.triggerId,
      status: run.status,
      error: run.error,
      started_at: run.startedAt.toISOString(),
      finished_at: run.finishedAt?.toISOString() ?? null,
      replay_id: replayOf.get(run.id) ?? null,
    })),
  };
}

/** An event with the runs it started (on arrival and by replays), from a replica unless it lags behind. */
export async function getEvent(id: string, database?: Db): Promise<EventDetail> {
  const found = database
    ? await findEvent(id, database)
    : await withRead((d) => findEvent(id, d), { again: (event) => event === undefined });
  if (!found) throw new AppError('not_found', `no event with id ${id}`);
  return found;
}
