import { and, count, eq, sql } from 'drizzle-orm';
import { db, schema } from '../../lib/db';

/*
 * Counts for the broker trigger tests: their triggers' filter keeps the events whose `data.keep` is true, and
 * exactly-once means every such event has one workflow run.
 */

/** How many events the trigger stored, valid or not. */
export async function eventsOf(triggerId: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(schema.events)
    .where(eq(schema.events.triggerId, triggerId));
  return row!.n;
}

/** How many workflow runs the trigger started. */
export async function runsOf(triggerId: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(schema.workflowRuns)
    .where(eq(schema.workflowRuns.triggerId, triggerId));
  return row!.n;
}

/** The matching (`data.keep`) events and the fewest and most runs any of them has: 1 and 1 when exactly once. */
export async function runsPerMatchingEvent(triggerId: string) {
  const rows = await db()
    .select({ runs: count(schema.workflowRuns.id) })
    .from(schema.events)
    .leftJoin(schema.workflowRuns, eq(schema.workflowRuns.eventId, schema.events.id))
    .where(
      and(eq(schema.events.triggerId, triggerId), sql`${schema.events.payload}->'data'->>'keep' = 'true'`),
    )
    .groupBy(schema.events.id);
  return {
    events: rows.length,
    maxRuns: Math.max(0, ...rows.map((r) => r.runs)),
    minRuns: Math.min(...rows.map((r) => r.runs)),
  };
}
