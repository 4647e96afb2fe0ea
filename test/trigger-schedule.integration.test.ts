import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as triggers from '../app/api/v1/triggers/route';
import { db, schema } from '../lib/db';
import type { EngineDeps } from '../lib/deps';
import { engineDeps } from '../lib/deps';
import { nextTick } from '../lib/triggers/cron';
import { startScheduleRuntime } from '../lib/triggers/runtime/schedule';
import type { TriggerView } from '../lib/triggers/schemas';
import { call, makeApiKey, makeWorkflow } from './support/factories';
import { eventsOfTrigger, runtimeContext, sleep } from './support/trigger-runtime';

let key: string;
let deps: EngineDeps;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  deps = await engineDeps();
});

async function createSchedule(config: Record<string, unknown>) {
  const workflow = await makeWorkflow();
  const res = await call(triggers.POST, {
    method: 'POST',
    key,
    body: { name: 'every second', type: 'schedule', workflow_id: workflow.id, config },
  });
  return { res, workflow };
}

async function scheduleTrigger(config: Record<string, unknown>) {
  const { res, workflow } = await createSchedule(config);
  expect(res.status).toBe(201);
  return { trigger: (await res.json()) as TriggerView, workflow };
}

type Tick = { event_type: string; timestamp: string; data: { scheduled_at: string; team?: string } };

describe('schedule trigger', () => {
  it('emits one event per tick for 10 s although two workers run the timer', async () => {
    const { trigger, workflow } = await scheduleTrigger({
      cron: '* * * * * *',
      event_type: 'digest.due',
      data: { team: 'ops' },
    });
    const a = await runtimeContext(trigger.id, 'worker-a', deps);
    const b = await runtimeContext(trigger.id, 'worker-b', deps);
    const runtimes = await Promise.all([startScheduleRuntime(a.ctx), startScheduleRuntime(b.ctx)]);
    await sleep(10_000);
    await Promise.all(runtimes.map((r) => r.stop()));

    const events = await eventsOfTrigger(trigger.id);
    expect(events.length).toBeGreaterThanOrEqual(9);
    expect(events.length).toBeLessThanOrEqual(11);
    const sourceIds = events.map((e) => e.sourceId);
    expect(new Set(sourceIds).size).toBe(events.length);
    const ticks = events.map((e) => e.payload as Tick).sort((x, y) => x.timestamp.localeCompare(y.timestamp));
    for (const [i, tick] of ticks.entries()) {
      expect(tick.event_type).toBe('digest.due');
      expect(tick.data).toEqual({ team: 'ops', scheduled_at: tick.timestamp });
      expect(sourceIds).toContain(`${trigger.id}@${tick.timestamp}`);
      expect(new Date(tick.timestamp).getMilliseconds()).toBe(0);
      // Consecutive seconds: no tick skipped, none twice.
      if (i > 0) expect(Date.parse(tick.timestamp) - Date.parse(ticks[i - 1]!.timestamp)).toBe(1000);
    }
    const runs = await db()
      .select()
      .from(schema.workflowRuns)
      .where(
        inArray(
          schema.workflowRuns.eventId,
          events.map((e) => e.id),
        ),
      );
    expect(runs).toHaveLength(events.length);
    expect(runs.every((r) => r.workflowId === workflow.id)).toBe(true);
    expect(a.reports.at(-1)).toEqual({ state: 'stopped' });
    expect(a.reports.some((r) => r.state === 'running')).toBe(true);
  }, 30_000);

  it('does not make up ticks missed while it was stopped', async () => {
    const { trigger } = await scheduleTrigger({ cron: '* * * * * *' });
    const { ctx } = await runtimeContext(trigger.id, 'worker-a', deps);
    const first = await startScheduleRuntime(ctx);
    await sleep(1_500);
    await first.stop();
    const stoppedAt = Date.now();
    await sleep(2_500);
    const restartedAt = Date.now();
    const second = await startScheduleRuntime(ctx);
    await sleep(1_500);
    await second.stop();
    const times = (await eventsOfTrigger(trigger.id)).map((e) => Date.parse((e.payload as Tick).timestamp));
    expect(times.some((t) => t <= stoppedAt)).toBe(true);
    expect(times.some((t) => t > restartedAt)).toBe(true);
    expect(times.filter((t) => t > stoppedAt && t <= restartedAt)).toEqual([]);
    expect((await eventsOfTrigger(trigger.id))[0]?.eventType).toBe('schedule.tick');
  }, 20_000);

  it('waits for a tick far away without firing early', async () => {
    // Next 1 January is more than setTimeout's 24.8-day limit away most of the year.
    const { trigger } = await scheduleTrigger({ cron: '0 0 1 1 *', timezone: 'Pacific/Auckland' });
    const { ctx } = await runtimeContext(trigger.id, 'worker-a', deps);
    const runtime = await startScheduleRuntime(ctx);
    await sleep(300);
    await runtime.stop();
    expect(await eventsOfTrigger(trigger.id)).toEqual([]);
  });

  it('computes ticks in the trigger time zone, across daylight saving time', () => {
    const before = new Date('2025-03-08T15:00:00Z');
    expect(nextTick('0 9 * * *', 'America/New_York', before).toISOString()).toBe('2025-03-09T13:00:00.000Z');
    expect(nextTick('30 0 9 * * *', 'UTC', before).toISOString()).toBe('2025-03-09T09:00:30.000Z');
  });

  it('answers 422 naming body.config.cron or body.config.timezone', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ cron: '61 * * * *' }, 'body.config.cron'],
      [{ cron: '* * *' }, 'body.config.cron'],
      [{ cron: '* * * * * * *' }, 'body.config.cron'],
      [{ cron: 'every day' }, 'body.config.cron'],
      [{ cron: '0 9 * * *', timezone: 'Mars/Olympus_Mons' }, 'body.config.timezone'],
      [{ cron: '0 9 * * *', timezone: '+01:00' }, 'body.config.timezone'],
    ];
    for (const [config, path] of cases) {
      const { res } = await createSchedule(config);
      expect(res.status, JSON.stringify(config)).toBe(422);
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors.map((e) => e.path)).toEqual([path]);
    }
    const { res } = await createSchedule({ cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' });
    expect(res.status).toBe(201);
    const view = (await res.json()) as TriggerView;
    expect(view.config).toEqual({
      cron: '0 9 * * 1-5',
      timezone: 'Europe/Berlin',
      event_type: 'schedule.tick',
      filter: {},
    });
    const [row] = await db().select().from(schema.triggers).where(eq(schema.triggers.id, view.id));
    expect(row?.type).toBe('schedule');
  });
});
