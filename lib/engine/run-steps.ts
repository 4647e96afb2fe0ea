import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { schema, type Tx } from '../db';
import { logger } from '../logger';
import { QUEUES } from '../queue/queues';
import { matches } from '../workflows/filters';
import { type Step, stepSchema } from '../workflows/schemas';
import { render } from '../workflows/templates';
import { createSendMessages } from './create-messages';
import type { EngineDeps } from './ports';
import { runScope } from './scope';

type RunRow = typeof schema.workflowRuns.$inferSelect;

/** What a step decided: go on to the next step now, stop (finished or skipped), or wait for a later job. */
type Outcome = 'next' | 'done' | 'wait';

/**
 * Runs a workflow from `stepIndex` until it finishes or has to wait (delay, digest). Each step commits in a
 * transaction of its own that also advances `current_step`, so a job that runs again (crash, redelivery)
 * skips what is already done; a send step's messages and their delivery jobs commit with that advance.
 */
export async function runWorkflowSteps(runId: string, stepIndex: number, deps: EngineDeps): Promise<void> {
  let index = stepIndex;
  for (;;) {
    const outcome = await deps.db.transaction((tx) => runOneStep(tx, deps, runId, index));
    if (outcome !== 'next') return;
    index++;
  }
}

async function lockRun(tx: Tx, runId: string): Promise<RunRow | undefined> {
  const [run] = await tx
    .select()
    .from(schema.workflowRuns)
    .where(eq(schema.workflowRuns.id, runId))
    .for('update');
  return run;
}

async function finish(
  tx: Tx,
  runId: string,
  status: 'completed' | 'failed',
  error?: string,
): Promise<'done'> {
  await tx
    .update(schema.workflowRuns)
    .set({ status, error: error ?? null, finishedAt: new Date(), digestKey: null })
    .where(eq(schema.workflowRuns.id, runId));
  return 'done';
}

async function runOneStep(tx: Tx, deps: EngineDeps, runId: string, index: number): Promise<Outcome> {
  const run = await lockRun(tx, runId);
  // Already past this step, or finished: this job is a repeat.
  if (!run || run.currentStep !== index || !['running', 'waiting'].includes(run.status)) return 'done';
  if (index >= run.steps.length) return finish(tx, run.id, 'completed');

  const parsed = stepSchema.safeParse(run.steps[index]);
  if (!parsed.success)
    return finish(tx, run.id, 'failed', `step ${index} is invalid: ${parsed.error.message}`);
  const step: Step = parsed.data;
  const [event] = run.eventId
    ? await tx.select().from(schema.events).where(eq(schema.events.id, run.eventId))
    : [];
  const scope = runScope(run, event);
  const advance = (patch: Partial<RunRow> = {}) =>
    tx
      .update(schema.workflowRuns)
      .set({ currentStep: index + 1, status: 'running', ...patch })
      .where(eq(schema.workflowRuns.id, run.id));

  switch (step.type) {
    case 'send': {
      await createSendMessages(tx, deps.queue, run, step, index, scope);
      await advance();
      return 'next';
    }
    case 'condition': {
      if (!matches(step.filter, scope)) return finish(tx, run.id, 'completed');
      await advance();
      return 'next';
    }
    case 'delay': {
      let until: Date;
      if ('seconds' in step) until = new Date(Date.now() + step.seconds * 1000);
      else {
        const rendered = await render(step.until, scope, 'until').catch((error: Error) => error);
        until = rendered instanceof Error ? new Date(Number.NaN) : new Date(rendered.trim());
        if (Number.isNaN(until.getTime())) {
          const reason =
            rendered instanceof Error ? rendered.message : `"${rendered}" is not an ISO 8601 time`;
          return finish(tx, run.id, 'failed', `delay step ${index}: ${reason}`);
        }
      }
      await advance({ status: 'waiting' });
      await deps.queue.enqueue(tx, QUEUES.step, [
        { data: { run_id: run.id, step_index: index + 1 }, startAfter: until },
      ]);
      return 'wait';
    }
    case 'digest': {
      const key = await render(step.key, scope, 'digest key').catch((error: Error) => error);
      if (key instanceof Error) return finish(tx, run.id, 'failed', `digest step ${index}: ${key.message}`);
      const digestKey = `${index}:${key}`;
      await tx
        .update(schema.workflowRuns)
        .set({ status: 'waiting', digestKey })
        .where(eq(schema.workflowRuns.id, run.id));
      await deps.queue.enqueue(tx, QUEUES.digest, [
        {
          data: { workflow_id: run.workflowId, step_index: index, digest_key: digestKey },
          singletonKey: `${run.workflowId}:${digestKey}`,
          startAfter: new Date(Date.now() + step.window_seconds * 1000),
        },
      ]);
      return 'wait';
    }
  }
}

/**
 * A digest window closed: the earliest waiting run carries on with every collected event in `events`; the
 * others are completed as merged into it.
 */
export async function flushDigest(
  workflowId: string,
  stepIndex: number,
  digestKey: string,
  deps: EngineDeps,
): Promise<void> {
  const leaderId = await deps.db.transaction(async (tx) => {
    const waiting = await tx
      .select()
      .from(schema.workflowRuns)
      .where(
        and(
          eq(schema.workflowRuns.workflowId, workflowId),
          eq(schema.workflowRuns.digestKey, digestKey),
          eq(schema.workflowRuns.status, 'waiting'),
          eq(schema.workflowRuns.currentStep, stepIndex),
        ),
      )
      .orderBy(asc(schema.workflowRuns.startedAt))
      .for('update', { skipLocked: true });
    const [leader, ...rest] = waiting;
    if (!leader) return undefined;
    const eventIds = waiting.map((r) => r.eventId).filter((id): id is string => Boolean(id));
    const eventRows = eventIds.length
      ? await tx.select().from(schema.events).where(inArray(schema.events.id, eventIds))
      : [];
    const byId = new Map(eventRows.map((e) => [e.id, e]));
    const events = waiting.map((r) => {
      const e = r.eventId ? byId.get(r.eventId) : undefined;
      return {
        event_type: e?.eventType ?? null,
        timestamp: e?.occurredAt?.toISOString() ?? null,
        data: r.data,
      };
    });
    await tx
      .update(schema.workflowRuns)
      .set({
        status: 'running',
        digestKey: null,
        context: sql`coalesce(${schema.workflowRuns.context}, '{}'::jsonb) || ${JSON.stringify({ events })}::jsonb`,
        currentStep: stepIndex + 1,
      })
      .where(eq(schema.workflowRuns.id, leader.id));
    if (rest.length) {
      await tx
        .update(schema.workflowRuns)
        .set({
          status: 'completed',
          digestKey: null,
          finishedAt: new Date(),
          error: `merged into digest run ${leader.id}`,
        })
        .where(
          inArray(
            schema.workflowRuns.id,
            rest.map((r) => r.id),
          ),
        );
    }
    return leader.id;
  });
  if (leaderId) {
    logger.debug({ leaderId, digestKey }, 'digest flushed');
    await runWorkflowSteps(leaderId, stepIndex + 1, deps);
  }
}
