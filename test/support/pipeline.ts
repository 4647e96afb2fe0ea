import { and, eq, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import * as events from '../../app/api/v1/events/route';
import { closeProviders } from '../../lib/channels/registry';
import { createChannelSchema } from '../../lib/channels/schemas';
import { createChannel } from '../../lib/channels/service';
import { db, schema } from '../../lib/db';
import { startReclaimer } from '../../lib/delivery/reclaim';
import type { EngineDeps } from '../../lib/deps';
import { logger } from '../../lib/logger';
import { createBoss, startBoss } from '../../lib/queue/boss';
import { bossQueue } from '../../lib/queue/job-queue';
import { startHeartbeat } from '../../lib/worker/heartbeat';
import { registerJobs } from '../../worker/register-jobs';
import { startTriggerManager } from '../../worker/trigger-manager';
import { call, makeApiKey, makeTrigger, makeWorkflow, uniq } from './factories';
import { type HttpSink, startHttpSink } from './http-sink';

/**
 * A webhook sink and a worker in this process for a test file: started before its tests, stopped after them.
 * Read `sink` and `worker` inside tests (they exist once `beforeAll` has run).
 */
export function sinkAndWorkerForFile(): { readonly sink: HttpSink; readonly worker: TestWorker } {
  const running = {} as { sink: HttpSink; worker: TestWorker };
  beforeAll(async () => {
    [running.sink, running.worker] = await Promise.all([startHttpSink(), startTestWorker()]);
  });
  afterAll(async () => {
    await running.worker?.stop();
    await running.sink?.close();
  });
  return running;
}

export type TestWorker = Awaited<ReturnType<typeof startTestWorker>>;

/** A real worker in this process: pg-boss on the test database with every job handler registered. */
export async function startTestWorker(): Promise<{ deps: EngineDeps; stop(): Promise<void> }> {
  const boss = await startBoss(createBoss(process.env.DATABASE_URL!, 'worker'));
  const workerId = `test-worker-${uniq()}`;
  const heartbeat = await startHeartbeat(db(), workerId, 1);
  const deps = { db: db(), queue: bossQueue(boss), workerId };
  await registerJobs(boss, deps, logger);
  const reclaimer = startReclaimer(deps);
  return {
    deps,
    stop: async () => {
      reclaimer.stop();
      await boss.stop({ graceful: true, close: true, timeout: 10_000 });
      await heartbeat.stop();
      await closeProviders();
    },
  };
}

export async function webhookChannel(url: string, extra: Record<string, unknown> = {}) {
  return createChannel(
    createChannelSchema.parse({ name: `hook-${uniq()}`, provider: 'webhook', config: { url }, ...extra }),
    { principal: null },
  );
}

export async function smtpChannel(port: number, extra: Record<string, unknown> = {}) {
  return createChannel(
    createChannelSchema.parse({
      name: `mail-${uniq()}`,
      provider: 'smtp',
      config: { host: '127.0.0.1', port, secure: 'none', from: 'Switchboard <noreply@example.test>' },
      ...extra,
    }),
    { principal: null },
  );
}

/** A workflow with the given steps and an `api` trigger matching `event_type`. */
export async function apiWorkflow(eventType: string, steps: unknown[]) {
  const workflow = await makeWorkflow({ steps: steps as never });
  await makeTrigger(workflow.id, { config: { filter: { event_type: eventType } } } as never);
  return workflow;
}

let triggerKey: string | undefined;
export async function postEvent(body: unknown, idempotencyKey?: string): Promise<Response> {
  triggerKey ??= (await makeApiKey('trigger')).key;
  return call(events.POST, {
    method: 'POST',
    path: '/api/v1/events',
    key: triggerKey,
    body,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function messagesWhere(...conditions: SQL[]) {
  return db()
    .select()
    .from(schema.messages)
    .where(and(...conditions));
}

export async function messagesOfWorkflow(workflowId: string) {
  return messagesWhere(eq(schema.messages.workflowId, workflowId));
}

export async function attemptsOf(messageId: string) {
  return db()
    .select()
    .from(schema.messageAttempts)
    .where(eq(schema.messageAttempts.messageId, messageId))
    .orderBy(schema.messageAttempts.startedAt);
}

/** This worker's trigger manager (consumers, schedules, pollers) on the test database, as a worker runs it. */
export function startTestTriggerManager(deps: EngineDeps, workerId: string) {
  return startTriggerManager({ connectionString: process.env.DATABASE_URL!, deps, workerId, log: logger });
}
