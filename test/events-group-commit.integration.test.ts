import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { makeTrigger, makeWorkflow, uniq } from './support/factories';
import { postEvent } from './support/pipeline';

/*
 * POST /api/v1/events writes concurrent requests in one transaction (group commit). These tests fire requests
 * at once so they share transactions, and check every caller's answer against what was committed.
 */

interface Answer {
  status: number;
  body: { event_id?: string; errors?: { path: string; message: string }[]; detail?: string };
}

async function fire(bodies: unknown[]): Promise<Answer[]> {
  return Promise.all(
    bodies.map(async (body) => {
      const res = await postEvent(body);
      return { status: res.status, body: (await res.json()) as Answer['body'] };
    }),
  );
}

async function storedEvents(ids: string[]) {
  if (ids.length === 0) return [];
  return db().select().from(schema.events).where(inArray(schema.events.id, ids));
}

afterEach(async () => {
  await db().execute(sql.raw('DROP TRIGGER IF EXISTS test_fault ON events'));
});

/** Makes PostgreSQL itself misbehave on insert of events whose data carries `fault`: `body` is PL/pgSQL. */
async function injectFault(body: string): Promise<void> {
  await db().execute(
    sql.raw(`CREATE OR REPLACE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.payload->'data'->>'fault' = 'yes' THEN ${body} END IF; RETURN NEW; END $$`),
  );
  await db().execute(
    sql.raw('CREATE TRIGGER test_fault BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_fault()'),
  );
}

describe('group-committed REST ingestion', () => {
  it('a request holding \\u0000 in a string: 422 naming the field, kept as an invalid event; the others are accepted', async () => {
    const workflow = await makeWorkflow({ steps: [{ type: 'condition', filter: {} }] });
    const type = `nul.${uniq()}`;
    await makeTrigger(workflow.id, { config: { filter: { event_type: type } } } as never);
    const bodies = Array.from({ length: 30 }, (_, i) => ({
      event_type: type,
      data: i === 15 ? { name: 'a\u0000b' } : { i },
    }));
    const answers = await fire(bodies);
    const refused = answers[15]!;
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { path: 'body.data.name', message: 'contains U+0000 (NUL), which PostgreSQL cannot store' },
    ]);
    const others = answers.filter((_, i) => i !== 15);
    expect(others.map((a) => a.status)).toEqual(others.map(() => 202));
    const stored = await storedEvents(others.map((a) => a.body.event_id!));
    expect(stored).toHaveLength(29);
    const runs = await db()
      .select()
      .from(schema.workflowRuns)
      .where(eq(schema.workflowRuns.workflowId, workflow.id));
    expect(runs).toHaveLength(29);
    const [invalid] = await db()
      .select()
      .from(schema.events)
      .where(sql`${schema.events.status} = 'invalid' AND ${schema.events.raw} LIKE ${`%${type}%`}`);
    expect(invalid?.error).toBe('data.name: contains U+0000 (NUL), which PostgreSQL cannot store');
    expect(invalid?.raw).toContain('a\\u0000b');
  });

  it('a row the database refuses for its own reasons is isolated and kept as invalid; its batch commits', async () => {
    await injectFault("RAISE EXCEPTION 'refused by a check only the database knows';");
    const type = `refused.${uniq()}`;
    const answers = await fire(
      Array.from({ length: 30 }, (_, i) => ({ event_type: type, data: i === 7 ? { fault: 'yes' } : { i } })),
    );
    expect(answers[7]!.status).toBe(422);
    expect(answers[7]!.body.detail).toMatch(
      /the database refused this event: refused by a check only the database knows/,
    );
    const accepted = answers.filter((a) => a.status === 202);
    expect(accepted).toHaveLength(29);
    expect(await storedEvents(accepted.map((a) => a.body.event_id!))).toHaveLength(29);
  });

  it('a database error mid-batch: every caller gets either a committed event or an error, never a 202 for nothing', async () => {
    // The connection of the transaction that inserts the marked event dies, as in a crash or failover.
    await injectFault('PERFORM pg_terminate_backend(pg_backend_pid());');
    const type = `outage.${uniq()}`;
    const answers = await fire(
      Array.from({ length: 60 }, (_, i) => ({
        event_type: type,
        data: i % 20 === 10 ? { fault: 'yes', i } : { i },
      })),
    );
    const accepted = answers.filter((a) => a.status === 202);
    const failed = answers.filter((a) => a.status !== 202);
    // Every 202 names an event that is really there.
    const ids = accepted.map((a) => a.body.event_id!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await storedEvents(ids)).toHaveLength(ids.length);
    // The marked events failed, and so did the innocent requests that shared their transaction: 503, retry.
    for (const i of [10, 30, 50]) expect(answers[i]!.status).toBe(503);
    expect(failed.length).toBeGreaterThan(3);
    expect(new Set(failed.map((a) => a.status))).toEqual(new Set([503]));
    const all = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.events)
      .where(sql`${schema.events.payload}->>'event_type' = ${type}`);
    expect(all[0]!.n).toBe(accepted.length);
  });
});
