import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db, schema } from '../lib/db';
import { checkHealth } from '../lib/health/check';
import { runRetention } from '../lib/maintenance/retention';
import { RETENTION_CRON, scheduleRetention } from '../lib/maintenance/schedule';
import { createBoss, startBoss } from '../lib/queue/boss';
import { QUEUES } from '../lib/queue/queues';
import { makeWorkflow, uniq } from './support/factories';
import { type HttpSink, startHttpSink } from './support/http-sink';
import { apiWorkflow, postEvent, startTestWorker, waitFor, webhookChannel } from './support/pipeline';

// The daily job and health read the limits from the environment, parsed on first use: set them first.
vi.hoisted(() => {
  process.env.MESSAGES_RETENTION_DAYS = '30';
  process.env.EVENTS_RETENTION_DAYS = '30';
  process.env.RETENTION_BATCH_SIZE = '25';
});

const OLD_FINAL = 300;
const BATCH = 25;

let sink: HttpSink;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  [sink, worker] = await Promise.all([startHttpSink(), startTestWorker()]);
});
afterAll(async () => {
  await worker?.stop();
  await sink?.close();
});

const q = (text: string, values: unknown[] = []) => db().$client.query(text, values);

/**
 * Old rows as the pipeline leaves them, 40 days ago: `count` events, each with a completed run and one message
 * in a final state (rotating through all five) with two attempts.
 */
async function seedOldFinished(workflowId: string, count: number, tag: string) {
  await q(
    `WITH ev AS (
       INSERT INTO events (source, source_id, event_type, payload, created_at)
       SELECT 'api', $3 || '-' || g, 'old.event', '{}', now() - interval '40 days' + g * interval '1 ms'
         FROM generate_series(1, $2::int) g
       RETURNING id, created_at),
     run AS (
       INSERT INTO workflow_runs (workflow_id, workflow_version, event_id, status, created_at, finished_at)
       SELECT $1, 1, id, 'completed', created_at, created_at FROM ev
       RETURNING id, created_at),
     msg AS (
       INSERT INTO messages (run_id, workflow_id, recipient, status, idempotency_key, attempt_count, created_at, updated_at)
       SELECT id, $1, $3 || '@example.test',
              (ARRAY['sent', 'delivered', 'failed', 'dead', 'bounced'])[1 + (row_number() OVER () % 5)::int]::message_status,
              $3 || '-' || id, 2, created_at, created_at
         FROM run
       RETURNING id, created_at)
     INSERT INTO message_attempts (message_id, attempt, outcome, started_at)
     SELECT id, a, 'success', created_at FROM msg, generate_series(1, 2) a`,
    [workflowId, count, tag],
  );
}

/** An old event and a run of it with the given status; returns the run's id. */
async function oldRun(workflowId: string, status: 'waiting' | 'completed') {
  const { rows } = await q(
    `WITH ev AS (
       INSERT INTO events (source, source_id, event_type, payload, created_at)
       VALUES ('api', $2, 'old.event', '{}', now() - interval '40 days') RETURNING id, created_at)
     INSERT INTO workflow_runs (workflow_id, workflow_version, event_id, status, created_at)
     SELECT $1, 1, id, $3, created_at FROM ev RETURNING id`,
    [workflowId, `old-run-${uniq()}`, status],
  );
  return rows[0].id as string;
}

async function oldMessage(runId: string, status: string, claimedBy: string | null, recipient: string) {
  await q(
    `INSERT INTO messages (run_id, recipient, status, claimed_by, idempotency_key, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, now() - interval '40 days', now() - interval '40 days')`,
    [runId, recipient, status, claimedBy, `kept-${uniq()}`],
  );
}

const countWhere = async (table: string, where: string, values: unknown[] = []) =>
  Number((await q(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, values)).rows[0].n);

describe('retention', () => {
  it('deletes old finished rows in batches while a delivery burst runs, and loses no delivery', async () => {
    const old = await makeWorkflow();
    await seedOldFinished(old.id, OLD_FINAL, 'old-final');
    // Old, but not finished or held by a worker: these must survive, and so must their runs.
    const waiting = await oldRun(old.id, 'waiting');
    const kept: [string, string | null][] = [
      ['queued', null],
      ['retrying', null],
      ['sending', null],
      ['queued', worker.deps.workerId!],
      ['sent', worker.deps.workerId!],
    ];
    for (const [status, claimedBy] of kept) {
      for (let i = 0; i < 4; i++) await oldMessage(waiting, status, claimedBy, 'kept@example.test');
    }
    const finishedWithOpenMessage = await oldRun(old.id, 'completed');
    await oldMessage(finishedWithOpenMessage, 'retrying', null, 'kept@example.test');
    await oldRun(old.id, 'completed'); // finished and sent nothing: goes
    // Recent finished rows stay.
    const recent = await makeWorkflow();
    await seedOldFinished(recent.id, 20, 'recent');
    await q(`UPDATE events SET created_at = now() - interval '1 day' WHERE source_id LIKE 'recent-%'`);
    await q(`UPDATE workflow_runs SET created_at = now() - interval '1 day' WHERE workflow_id = $1`, [
      recent.id,
    ]);
    await q(`UPDATE messages SET created_at = now() - interval '1 day' WHERE workflow_id = $1`, [recent.id]);

    // The burst: events keep arriving and being delivered for as long as retention runs.
    const hook = await webhookChannel(`${sink.url}/burst`);
    const eventType = `burst.${uniq()}`;
    const burst = await apiWorkflow(eventType, [
      { type: 'send', channel_id: hook.id, template: { body: '{"n": {{ data.n }}}' } },
    ]);
    let posting = true;
    let posted = 0;
    const poster = (async () => {
      while (posting || posted < 60) {
        const responses = await Promise.all(
          Array.from({ length: 5 }, () => postEvent({ event_type: eventType, data: { n: posted++ } })),
        );
        for (const res of responses) expect(res.status).toBe(202);
      }
    })();

    const result = await runRetention(db(), {
      messagesDays: 30,
      eventsDays: 30,
      batchSize: BATCH,
      pauseMs: 100,
    });
    posting = false;
    await poster;

    expect(result.error).toBeUndefined();
    expect(result.deleted).toEqual({
      messages: OLD_FINAL,
      message_attempts: OLD_FINAL * 2,
      workflow_runs: OLD_FINAL + 1,
      events: OLD_FINAL + 3,
    });
    // Small batches, each its own statement: the full ones and the last, short one.
    expect(result.batches).toEqual({
      messages: OLD_FINAL / BATCH + 1,
      workflow_runs: Math.ceil((OLD_FINAL + 1) / BATCH),
      events: Math.ceil((OLD_FINAL + 3) / BATCH),
    });

    // Old finished rows are gone with their attempts; everything unfinished, claimed or recent is still there.
    expect(await countWhere('messages', `recipient = 'old-final@example.test'`)).toBe(0);
    expect(
      await countWhere(
        'message_attempts a',
        `NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = a.message_id)`,
      ),
    ).toBe(0);
    expect(await countWhere('messages', `recipient = 'kept@example.test'`)).toBe(kept.length * 4 + 1);
    expect(await countWhere('workflow_runs', 'id = ANY($1)', [[waiting, finishedWithOpenMessage]])).toBe(2);
    expect(await countWhere('workflow_runs', 'id = $1 AND event_id IS NULL', [waiting])).toBe(1);
    expect(await countWhere('messages', 'workflow_id = $1', [recent.id])).toBe(20);
    expect(
      await countWhere('message_attempts a JOIN messages m ON m.id = a.message_id', 'm.workflow_id = $1', [
        recent.id,
      ]),
    ).toBe(40);
    expect(await countWhere('workflow_runs', 'workflow_id = $1', [recent.id])).toBe(20);
    expect(await countWhere('events', `source_id LIKE 'recent-%'`)).toBe(20);
    expect(await countWhere('events', `created_at < now() - interval '30 days'`)).toBe(0);

    // The burst: every event's delivery arrived exactly once, and deliveries happened while retention ran.
    const messages = await waitFor(
      async () => {
        const rows = await db()
          .select()
          .from(schema.messages)
          .where(eq(schema.messages.workflowId, burst.id));
        return rows.length === posted && rows.every((m) => m.status === 'sent') ? rows : undefined;
      },
      60_000,
      'every burst delivery to be sent',
    );
    const deliveredIds = sink.requests.filter((r) => r.path === '/burst').map((r) => r.headers['webhook-id']);
    expect(deliveredIds).toHaveLength(posted);
    expect(new Set(deliveredIds)).toEqual(new Set(messages.map((m) => m.id)));
    const [run] = await db()
      .select()
      .from(schema.maintenanceRuns)
      .where(eq(schema.maintenanceRuns.id, result.runId));
    const during = sink.requests.filter(
      (r) =>
        r.path === '/burst' &&
        r.receivedAt >= run!.startedAt.getTime() &&
        r.receivedAt <= run!.finishedAt!.getTime(),
    );
    expect(during.length).toBeGreaterThan(0);

    // The run is recorded, and health shows it.
    expect(run).toMatchObject({ task: 'retention', error: null, deleted: result.deleted });
    const health = await checkHealth();
    expect(health.retention).toEqual({
      events_days: 30,
      messages_days: 30,
      last_run: {
        started_at: run!.startedAt.toISOString(),
        finished_at: run!.finishedAt!.toISOString(),
        deleted: result.deleted,
        error: null,
      },
    });
  });

  it('stops between two batches when the worker shuts down, and records the run as stopped, not running', async () => {
    const workflow = await makeWorkflow();
    await seedOldFinished(workflow.id, 100, `stop-${uniq()}`);
    const stopping = new AbortController();
    // A long pause between batches: the shutdown must cut it short, or the test times out.
    const running = runRetention(
      db(),
      { messagesDays: 30, batchSize: 10, pauseMs: 120_000 },
      'w-stop',
      stopping.signal,
    );
    const first = await waitFor(
      async () => {
        const [row] = await db()
          .select()
          .from(schema.maintenanceRuns)
          .where(eq(schema.maintenanceRuns.workerId, 'w-stop'));
        return (row?.deleted as Record<string, number> | null)?.messages ? row : undefined;
      },
      10_000,
      'the first batch',
    );
    stopping.abort();
    const result = await running;
    expect(result.error).toMatch(/stopped early: the worker is shutting down/);
    expect(result.deleted.messages).toBe(10);
    expect(result.batches.messages).toBe(1);
    const [row] = await db()
      .select()
      .from(schema.maintenanceRuns)
      .where(eq(schema.maintenanceRuns.id, first.id));
    expect(row!.finishedAt).not.toBeNull();
    expect(row!.error).toBe(result.error);
    expect(await countWhere('messages', 'workflow_id = $1', [workflow.id])).toBe(90);
    // The next run deletes the rest.
    await runRetention(db(), { messagesDays: 30, eventsDays: 30, batchSize: 50, pauseMs: 0 });
    expect(await countWhere('messages', 'workflow_id = $1', [workflow.id])).toBe(0);
  });

  it('runs as the daily job: scheduled with pg-boss, handled by a worker with the configured limits', async () => {
    const boss = await startBoss(createBoss(process.env.DATABASE_URL!, 'web'));
    try {
      await scheduleRetention(boss);
      const schedules = await boss.getSchedules();
      expect(schedules.filter((s) => s.name === QUEUES.retention)).toMatchObject([
        { name: QUEUES.retention, cron: RETENTION_CRON },
      ]);

      const workflow = await makeWorkflow();
      await seedOldFinished(workflow.id, 7, `job-${uniq()}`);
      const before = await db()
        .select()
        .from(schema.maintenanceRuns)
        .orderBy(desc(schema.maintenanceRuns.id))
        .limit(1);
      await worker.deps.queue.enqueue(db().$client, QUEUES.retention, [{ data: {} }]);
      const run = await waitFor(
        async () => {
          const [row] = await db()
            .select()
            .from(schema.maintenanceRuns)
            .where(
              and(
                sql`${schema.maintenanceRuns.id} > ${before[0]?.id ?? 0}`,
                eq(schema.maintenanceRuns.task, 'retention'),
              ),
            );
          return row?.finishedAt ? row : undefined;
        },
        30_000,
        'the retention job to finish',
      );
      expect(run).toMatchObject({ workerId: worker.deps.workerId, error: null });
      expect(run.deleted).toMatchObject({ messages: 7, message_attempts: 14, workflow_runs: 7, events: 7 });
      expect(await countWhere('messages', 'workflow_id = $1', [workflow.id])).toBe(0);
      expect((await checkHealth()).retention.last_run?.deleted).toEqual(run.deleted);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });
});
