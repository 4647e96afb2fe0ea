import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../app/api/v1/stats/route';
import { db, schema } from '../lib/db';
import { createBoss, startBoss } from '../lib/queue/boss';
import { QUEUES } from '../lib/queue/queues';
import type { Stats } from '../lib/stats/schemas';
import { reportConsumerStatus } from '../lib/triggers/runtime/status';
import { call, makeApiKey, makeTrigger, makeWorkflow } from './support/factories';
import { asUser } from './support/session-call';

// The dashboard's "now" figures in GET /api/v1/stats: job queue depth, consumer lag and open alerts, whatever
// the range asked for.

const boss = createBoss(process.env.DATABASE_URL!, 'web');
let key: string;

beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  await startBoss(boss);
});
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
});

async function stats(auth: { key?: string; headers?: Record<string, string> } = { key }, query = '') {
  const res = await call(GET, { path: `/api/v1/stats${query}`, ...auth });
  return { status: res.status, body: (await res.json()) as Stats };
}

describe('GET /api/v1/stats: figures for now', () => {
  it('counts the jobs waiting per queue: due now, due later, running', async () => {
    for (let i = 0; i < 3; i++) await boss.send(QUEUES.statusPoll, { n: i });
    for (let i = 0; i < 2; i++) await boss.send(QUEUES.statusPoll, { later: i }, { startAfter: 3600 });
    const { status, body } = await stats();
    expect(status).toBe(200);
    expect(body.queue_depth?.queues.find((q) => q.queue === QUEUES.statusPoll)).toEqual({
      queue: QUEUES.statusPoll,
      ready: 3,
      scheduled: 2,
      active: 0,
    });
    expect(body.queue_depth).toMatchObject({ ready: 3, scheduled: 2, active: 0 });
  });

  it('sums the lag of consumers that report, of enabled triggers only, worst first', async () => {
    const workflow = await makeWorkflow();
    const kafka = await makeTrigger(workflow.id, { name: 'orders topic' });
    const quiet = await makeTrigger(workflow.id, { name: 'quiet topic' });
    const paused = await makeTrigger(workflow.id, { name: 'paused topic', enabled: false });
    const stale = await makeTrigger(workflow.id, { name: 'stale topic' });
    await reportConsumerStatus(db(), kafka.id, 'w1', { state: 'running', lag: 40 });
    await reportConsumerStatus(db(), kafka.id, 'w2', { state: 'error', lag: 2, lastError: 'broker down' });
    await reportConsumerStatus(db(), quiet.id, 'w1', { state: 'running', lag: 5 });
    await reportConsumerStatus(db(), paused.id, 'w1', { state: 'stopped', lag: 1000 });
    await reportConsumerStatus(db(), stale.id, 'w1', { state: 'running', lag: 500 });
    await db()
      .update(schema.consumerStatus)
      .set({ updatedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(schema.consumerStatus.triggerId, stale.id));

    const { body } = await stats();
    expect(body.consumer_lag).toEqual({
      total: 47,
      triggers_reporting: 2,
      triggers: [
        { trigger_id: kafka.id, name: 'orders topic', lag: 42, errors: 1 },
        { trigger_id: quiet.id, name: 'quiet topic', lag: 5, errors: 0 },
      ],
    });
  });

  it('lists the enabled alert rules firing now, longest first', async () => {
    const since = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await db()
      .insert(schema.alertRules)
      .values([
        { name: 'dead letters piling up', kind: 'dead_letters', state: 'firing', firingSince: since(5) },
        { name: 'queue backlog', kind: 'queue_depth', state: 'firing', firingSince: since(30) },
        { name: 'all quiet', kind: 'dead_letters', state: 'ok' },
        {
          name: 'switched off',
          kind: 'dead_letters',
          state: 'firing',
          enabled: false,
          firingSince: since(60),
        },
      ]);
    const { body } = await stats();
    expect(body.open_alerts.count).toBe(2);
    expect(body.open_alerts.rules.map((r) => [r.name, r.kind])).toEqual([
      ['queue backlog', 'queue_depth'],
      ['dead letters piling up', 'dead_letters'],
    ]);
    expect(Date.parse(body.open_alerts.rules[0]!.firing_since!)).toBeLessThanOrEqual(since(29).getTime());
  });

  it('viewers read the figures; a bad range is a 422 naming the parameter; trigger keys are refused', async () => {
    const viewer = await asUser('viewer');
    const read = await viewer(GET, { path: '/api/v1/stats' });
    expect(read.status).toBe(200);
    expect(((await read.json()) as Stats).open_alerts).toBeDefined();

    const backwards = await stats({ key }, '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(backwards.status).toBe(422);
    expect((backwards.body as unknown as { errors: { path: string }[] }).errors[0]!.path).toBe('query.to');

    const trigger = await makeApiKey('trigger');
    expect((await stats({ key: trigger.key })).status).toBe(403);
  });
});
