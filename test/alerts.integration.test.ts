import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as events from '../app/api/v1/alert-rules/[id]/events/route';
import * as item from '../app/api/v1/alert-rules/[id]/route';
import * as collection from '../app/api/v1/alert-rules/route';
import { evaluateRule, type RuleDeps } from '../lib/alerts/evaluate-rule';
import { startAlertEvaluator } from '../lib/alerts/evaluator';
import { channelErrorRate } from '../lib/alerts/kinds/channel-error-rate';
import { consumerDisconnected } from '../lib/alerts/kinds/consumer-disconnected';
import { deadLetters } from '../lib/alerts/kinds/dead-letters';
import { noLiveWorker } from '../lib/alerts/kinds/no-live-worker';
import { queueDepth } from '../lib/alerts/kinds/queue-depth';
import { db, schema } from '../lib/db';
import { logger } from '../lib/logger';
import { createBoss, startBoss } from '../lib/queue/boss';
import { QUEUES } from '../lib/queue/queues';
import { reportConsumerStatus } from '../lib/triggers/runtime/status';
import { alertHistory, alertRuleRow } from './support/alert-rows';
import { call, makeApiKey, makeChannel, makeWorkflow, uniq } from './support/factories';
import { type HttpSink, startHttpSink } from './support/http-sink';
import { webhookChannel } from './support/pipeline';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk response JSON whose shape the test checks
type Json = Record<string, any>;

let key: string;
let sink: HttpSink;
const boss = createBoss(process.env.DATABASE_URL!, 'web');
const ctx = () => ({
  db: db(),
  heartbeatSeconds: 5,
  queueDepth: async (queue: string) => (await boss.getQueueStats(queue))[0]?.readyCount ?? 0,
});

beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  sink = await startHttpSink();
  await startBoss(boss);
});
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await sink.close();
});

async function create(body: Json) {
  const res = await call(collection.POST, { method: 'POST', key, body });
  return { status: res.status, body: (await res.json()) as Json };
}

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

/** A message of `channelId` with attempts at the given outcomes, `minutesAgo` before `now`. */
async function seedAttempts(channelId: string, outcomes: string[], at: Date) {
  for (const outcome of outcomes) {
    const [message] = await db()
      .insert(schema.messages)
      .values({ channelId, idempotencyKey: `seed-${uniq()}-${uniq()}`, status: 'failed' })
      .returning();
    await db()
      .insert(schema.messageAttempts)
      .values({ messageId: message!.id, attempt: 1, outcome, startedAt: at });
  }
}

describe('alert rules API', () => {
  it('refuses bad rules with 422 and the failing field paths', async () => {
    const channel = await makeChannel();
    const unknownKind = await create({
      name: 'x',
      kind: 'cpu',
      params: {},
      notify_channel_ids: [channel.id],
    });
    expect(unknownKind.status).toBe(422);
    expect(unknownKind.body.errors).toEqual([
      { path: 'body.kind', message: expect.stringContaining('channel_error_rate, dead_letters') },
    ]);

    const badParams = await create({
      name: 'x',
      kind: 'channel_error_rate',
      params: { threshold_percent: 150, window_minutes: 0, extra: true },
      notify_channel_ids: [],
    });
    expect(badParams.status).toBe(422);
    expect(badParams.body.errors.map((e: Json) => e.path).sort()).toEqual([
      'body.notify_channel_ids',
      'body.params',
      'body.params.threshold_percent',
      'body.params.window_minutes',
    ]);

    const badQueue = await create({
      name: 'x',
      kind: 'queue_depth',
      params: { queue: 'nope', threshold: 5 },
      notify_channel_ids: [channel.id],
    });
    expect(badQueue.status).toBe(422);
    expect(badQueue.body.errors[0].path).toBe('body.params.queue');

    const missing = '00000000-0000-4000-8000-000000000001';
    const dangling = await create({
      name: 'x',
      kind: 'dead_letters',
      params: { threshold: 1, window_minutes: 5, channel_id: missing },
      notify_channel_ids: [channel.id, missing],
    });
    expect(dangling.status).toBe(422);
    expect(dangling.body.errors).toEqual([
      { path: 'body.notify_channel_ids.1', message: `no channel with id ${missing}` },
      { path: 'body.params.channel_id', message: `no channel with id ${missing}` },
    ]);
    expect(await db().select().from(schema.alertRules)).toHaveLength(0);
  });

  it('creates, reads, lists, changes (params checked against the kind) and deletes, audit-logged', async () => {
    const channel = await makeChannel();
    const created = await create({
      name: 'Dead letters piling up',
      kind: 'dead_letters',
      params: { threshold: 10, window_minutes: 15 },
      notify_channel_ids: [channel.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'dead_letters',
      params: { threshold: 10, window_minutes: 15, channel_id: null },
      cooldown_minutes: 30,
      enabled: true,
      state: 'ok',
      last_value: null,
    });
    const id = created.body.id;
    const got = await call(item.GET, { key, params: { id } });
    expect(((await got.json()) as Json).name).toBe('Dead letters piling up');
    const list = (await (await call(collection.GET, { key, path: '/?limit=50' })).json()) as Json;
    expect(list.data.map((r: Json) => r.id)).toContain(id);

    const bad = await call(item.PATCH, {
      method: 'PATCH',
      key,
      params: { id },
      body: { params: { threshold: -1 } },
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Json).errors.map((e: Json) => e.path)).toEqual([
      'body.params.threshold',
      'body.params.window_minutes',
    ]);
    const kindOnly = await call(item.PATCH, {
      method: 'PATCH',
      key,
      params: { id },
      body: { kind: 'no_live_worker' },
    });
    expect(((await kindOnly.json()) as Json).errors).toEqual([
      { path: 'body.params', message: 'is required when the kind changes' },
    ]);
    const changed = await call(item.PATCH, {
      method: 'PATCH',
      key,
      params: { id },
      body: { kind: 'no_live_worker', params: { minutes: 3 }, enabled: false },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      kind: 'no_live_worker',
      params: { minutes: 3 },
      enabled: false,
    });

    expect((await call(item.DELETE, { method: 'DELETE', key, params: { id } })).status).toBe(204);
    expect((await call(item.GET, { key, params: { id } })).status).toBe(404);
    const { rows } = await db().$client.query(
      `SELECT action, changes FROM audit_log WHERE resource_type = 'alert_rule' AND resource_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'alert_rule.create',
      'alert_rule.update',
      'alert_rule.delete',
    ]);
    expect(rows[1].changes.before.kind).toBe('dead_letters');
    expect(rows[1].changes.after.kind).toBe('no_live_worker');
  });

  it('needs admin access', async () => {
    const trigger = await makeApiKey('trigger');
    expect((await call(collection.GET, { key: trigger.key })).status).toBe(403);
  });
});

describe('each kind evaluates against seeded rows', () => {
  it('channel_error_rate: failures over the threshold within the window, given the minimum volume', async () => {
    const now = new Date();
    const bad = await makeChannel({ name: `bad-${uniq()}` });
    const good = await makeChannel({ name: `good-${uniq()}` });
    await seedAttempts(
      bad.id,
      ['retryable_error', 'permanent_error', 'retryable_error', 'success'],
      minutesBefore(now, 1),
    );
    // Outside the window: not counted.
    await seedAttempts(bad.id, ['success', 'success', 'success', 'success'], minutesBefore(now, 30));
    await seedAttempts(good.id, ['success', 'success', 'success', 'retryable_error'], minutesBefore(now, 2));
    const params = { channel_id: bad.id, threshold_percent: 50, window_minutes: 5, min_attempts: 4 };

    const one = await channelErrorRate.evaluate(ctx(), params, now);
    expect(one).toMatchObject({ firing: true, value: 75, threshold: 50, channelIds: [bad.id] });
    expect(one.summary).toContain('3 of 4 attempts failed');
    expect((await channelErrorRate.evaluate(ctx(), { ...params, threshold_percent: 75 }, now)).firing).toBe(
      false,
    );
    const tooFew = await channelErrorRate.evaluate(ctx(), { ...params, min_attempts: 5 }, now);
    expect(tooFew).toMatchObject({ firing: false, value: null, channelIds: [bad.id] });
    expect(tooFew.summary).toContain('fewer than the 5 attempts');

    const every = await channelErrorRate.evaluate(
      ctx(),
      { ...params, channel_id: null, threshold_percent: 20 },
      now,
    );
    expect(every).toMatchObject({ firing: true, value: 75, channelIds: [bad.id, good.id] });
    const everyHigh = await channelErrorRate.evaluate(ctx(), { ...params, channel_id: null }, now);
    expect(everyHigh.channelIds).toEqual([bad.id]);
  });

  it('dead_letters: messages that died within the window', async () => {
    const now = new Date();
    const channel = await makeChannel();
    const dead = (updatedAt: Date, status: 'dead' | 'failed' = 'dead') =>
      db()
        .insert(schema.messages)
        .values({ channelId: channel.id, idempotencyKey: `dl-${uniq()}`, status, updatedAt });
    await dead(minutesBefore(now, 1));
    await dead(minutesBefore(now, 2));
    await dead(minutesBefore(now, 3));
    await dead(minutesBefore(now, 20));
    await dead(minutesBefore(now, 1), 'failed');
    const params = { threshold: 2, window_minutes: 10, channel_id: channel.id };
    const result = await deadLetters.evaluate(ctx(), params, now);
    expect(result).toMatchObject({ firing: true, value: 3, channelIds: [channel.id] });
    expect((await deadLetters.evaluate(ctx(), { ...params, threshold: 3 }, now)).firing).toBe(false);
    expect((await deadLetters.evaluate(ctx(), { ...params, window_minutes: 30 }, now)).value).toBe(4);
  });

  it('consumer_disconnected: minutes since a trigger last had a connected consumer in any worker', async () => {
    const workflow = await makeWorkflow();
    const trigger = async () => {
      const [row] = await db()
        .insert(schema.triggers)
        .values({ name: `t-${uniq()}`, type: 'schedule', workflowId: workflow.id, config: {} })
        .returning();
      return row!;
    };
    const down = await trigger();
    const up = await trigger();
    // The state change is remembered across repeated reports of the same state.
    await reportConsumerStatus(db(), down.id, 'w1', { state: 'error', lastError: 'refused' });
    const [first] = await db()
      .select()
      .from(schema.consumerStatus)
      .where(eq(schema.consumerStatus.triggerId, down.id));
    await new Promise((r) => setTimeout(r, 20));
    await reportConsumerStatus(db(), down.id, 'w1', { state: 'error', lastError: 'refused again' });
    const [second] = await db()
      .select()
      .from(schema.consumerStatus)
      .where(eq(schema.consumerStatus.triggerId, down.id));
    expect(second!.stateSince).toEqual(first!.stateSince);
    expect(second!.updatedAt.getTime()).toBeGreaterThan(first!.updatedAt.getTime());
    await reportConsumerStatus(db(), up.id, 'w1', { state: 'running' });

    const now = new Date(first!.stateSince.getTime() + 6 * 60_000);
    // Reports are current at `now` (another worker wrote one a minute ago).
    await db()
      .update(schema.consumerStatus)
      .set({ updatedAt: minutesBefore(now, 1) })
      .where(eq(schema.consumerStatus.workerId, 'w1'));
    const one = await consumerDisconnected.evaluate(ctx(), { trigger_id: down.id, minutes: 5 }, now);
    expect(one).toMatchObject({ firing: true, threshold: 5 });
    expect(one.value).toBeCloseTo(6, 5);
    expect(
      (await consumerDisconnected.evaluate(ctx(), { trigger_id: down.id, minutes: 7 }, now)).firing,
    ).toBe(false);
    expect(await consumerDisconnected.evaluate(ctx(), { trigger_id: up.id, minutes: 1 }, now)).toMatchObject({
      firing: false,
      value: 0,
    });
    const any = await consumerDisconnected.evaluate(ctx(), { trigger_id: null, minutes: 5 }, now);
    expect(any.firing).toBe(true);
    expect(any.summary).toContain(down.name);

    // A second worker connected for `down`: no longer disconnected.
    await reportConsumerStatus(db(), down.id, 'w2', { state: 'running' });
    await db()
      .update(schema.consumerStatus)
      .set({ updatedAt: minutesBefore(now, 1) })
      .where(eq(schema.consumerStatus.workerId, 'w2'));
    expect((await consumerDisconnected.evaluate(ctx(), { trigger_id: down.id, minutes: 5 }, now)).value).toBe(
      0,
    );
    // Both workers stopped reporting 10 minutes ago while connected: disconnected since then.
    await db()
      .update(schema.triggers)
      .set({ updatedAt: minutesBefore(now, 60) })
      .where(eq(schema.triggers.id, down.id));
    await db()
      .update(schema.consumerStatus)
      .set({ updatedAt: minutesBefore(now, 10), state: 'running' });
    const stale = await consumerDisconnected.evaluate(ctx(), { trigger_id: down.id, minutes: 5 }, now);
    expect(stale.firing).toBe(true);
    expect(stale.value).toBeCloseTo(10, 5);
  });

  it('no_live_worker: minutes since the last worker was live, by the health check rule', async () => {
    await db().delete(schema.workerHeartbeats);
    const now = new Date();
    expect(await noLiveWorker.evaluate(ctx(), { minutes: 1 }, now)).toMatchObject({
      firing: false,
      value: null,
    });
    const beat = (workerId: string, state: string, lastSeenAt: Date) =>
      db()
        .insert(schema.workerHeartbeats)
        .values({ workerId, hostname: 'h', pid: 1, state, startedAt: minutesBefore(now, 60), lastSeenAt });
    // Killed 4 minutes ago: live until three 5 s intervals after its last heartbeat.
    await beat('killed', 'running', minutesBefore(now, 4));
    await beat('drained', 'stopped', minutesBefore(now, 5));
    const down = await noLiveWorker.evaluate(ctx(), { minutes: 3 }, now);
    expect(down.firing).toBe(true);
    expect(down.value).toBeCloseTo(3.75, 5);
    expect((await noLiveWorker.evaluate(ctx(), { minutes: 4 }, now)).firing).toBe(false);
    await beat('alive', 'running', new Date(now.getTime() - 2000));
    expect(await noLiveWorker.evaluate(ctx(), { minutes: 3 }, now)).toMatchObject({
      firing: false,
      value: 0,
    });
    await db().delete(schema.workerHeartbeats);
  });

  it('queue_depth: jobs ready in a pg-boss queue, from pg-boss', async () => {
    for (let i = 0; i < 3; i++) await boss.send(QUEUES.statusPoll, { i });
    // A deferred job is not a backlog.
    await boss.send(QUEUES.statusPoll, { later: true }, { startAfter: 3600 });
    const result = await queueDepth.evaluate(ctx(), { queue: QUEUES.statusPoll, threshold: 2 }, new Date());
    expect(result).toMatchObject({ firing: true, value: 3, threshold: 2 });
    expect(result.summary).toBe('queue "message-status-poll" holds 3 ready job(s); threshold 2');
  });
});

describe('evaluating a rule', () => {
  async function ruleOn(channelIds: { about: string; notify: string[] }, cooldownMinutes = 30) {
    const [row] = await db()
      .insert(schema.alertRules)
      .values({
        name: `rule-${uniq()}`,
        kind: 'channel_error_rate',
        params: { channel_id: channelIds.about, threshold_percent: 50, window_minutes: 5, min_attempts: 2 },
        notifyChannelIds: channelIds.notify,
        cooldownMinutes,
      })
      .returning();
    return row!;
  }
  const deps = (): RuleDeps => ({ ...ctx(), consoleUrl: 'https://console.example.test' });

  it('fires once, stays silent within the cooldown, reminds after it and resolves, never through the failing channel', async () => {
    const failing = await webhookChannel(`${sink.url}/failing`);
    const notify = await webhookChannel(`${sink.url}/notify`);
    const rule = await ruleOn({ about: failing.id, notify: [failing.id, notify.id] }, 10);
    const t0 = new Date();
    await seedAttempts(failing.id, ['retryable_error', 'retryable_error'], minutesBefore(t0, 1));
    const before = sink.requests.length;

    expect(await evaluateRule(deps(), await alertRuleRow(rule.id), t0)).toBe('fired');
    // A second evaluator holding the same stale view of the rule loses the transition and sends nothing.
    expect(await evaluateRule(deps(), rule, t0)).toBe('lost');
    const t1 = new Date(t0.getTime() + 60_000);
    expect(await evaluateRule(deps(), await alertRuleRow(rule.id), t1)).toBe('firing');
    const sent = sink.requests.slice(before);
    expect(sent.map((r) => r.path)).toEqual(['/notify']);
    const body = JSON.parse(sent[0]!.body);
    expect(body).toMatchObject({
      type: 'switchboard.alert.firing',
      rule: { id: rule.id, name: rule.name, kind: 'channel_error_rate' },
      value: 100,
      threshold: 50,
      url: `https://console.example.test/alerts/${rule.id}`,
    });
    expect(body.text).toContain('error rate 100 % (2 of 2 attempts failed)');

    const t2 = new Date(t0.getTime() + 11 * 60_000);
    await seedAttempts(failing.id, ['retryable_error', 'retryable_error'], minutesBefore(t2, 1));
    expect(await evaluateRule(deps(), await alertRuleRow(rule.id), t2)).toBe('reminded');
    const t3 = new Date(t2.getTime() + 60_000);
    await seedAttempts(failing.id, ['success', 'success', 'success'], minutesBefore(t3, 0.5));
    expect(await evaluateRule(deps(), await alertRuleRow(rule.id), t3)).toBe('resolved');
    expect(sink.requests.slice(before).map((r) => JSON.parse(r.body).type)).toEqual([
      'switchboard.alert.firing',
      'switchboard.alert.firing',
      'switchboard.alert.resolved',
    ]);
    expect(JSON.parse(sink.requests.at(-1)!.body).reminder).toBe(false);

    const rows = await alertHistory(rule.id);
    expect(rows.map((r) => r.kind)).toEqual(['firing', 'firing', 'resolved']);
    expect(rows[1]!.summary).toMatch(/^Still firing: /);
    for (const row of rows) {
      expect(row.notifications).toEqual([
        {
          channel_id: failing.id,
          status: 'skipped',
          detail: 'the alert is about this channel; sent through the other channels',
        },
        { channel_id: notify.id, status: 'sent', detail: expect.stringContaining('sent through') },
      ]);
    }
    expect(await alertRuleRow(rule.id)).toMatchObject({ state: 'ok', firingSince: null, lastValue: 40 });

    // Fires again within the cooldown of the last notification: recorded as suppressed, nothing sent; so is
    // the resolution of that episode.
    const t4 = new Date(t3.getTime() + 60_000);
    await seedAttempts(
      failing.id,
      ['retryable_error', 'retryable_error', 'retryable_error', 'retryable_error'],
      minutesBefore(t4, 0.5),
    );
    const count = sink.requests.length;
    expect(await evaluateRule(deps(), await alertRuleRow(rule.id), t4)).toBe('suppressed');
    expect(sink.requests.length).toBe(count);
    const api = (await (
      await call(events.GET, { key, params: { id: rule.id }, path: '/?limit=2' })
    ).json()) as Json;
    expect(api.data.map((e: Json) => e.kind)).toEqual(['suppressed', 'resolved']);
    expect(api.next_cursor).toEqual(expect.any(String));
    const next = (await (
      await call(events.GET, { key, params: { id: rule.id }, path: `/?limit=2&cursor=${api.next_cursor}` })
    ).json()) as Json;
    expect(next.data.map((e: Json) => e.kind)).toEqual(['firing', 'firing']);
  });

  it("uses the failing channel's fallback when it was the only notify channel, else records skipped", async () => {
    const backup = await webhookChannel(`${sink.url}/backup`);
    const withFallback = await webhookChannel(`${sink.url}/failing-2`, { fallback_channel_id: backup.id });
    const alone = await webhookChannel(`${sink.url}/failing-3`);
    const t0 = new Date();
    await seedAttempts(withFallback.id, ['permanent_error', 'permanent_error'], minutesBefore(t0, 1));
    await seedAttempts(alone.id, ['permanent_error', 'permanent_error'], minutesBefore(t0, 1));
    const viaFallback = await ruleOn({ about: withFallback.id, notify: [withFallback.id] });
    const skipped = await ruleOn({ about: alone.id, notify: [alone.id] });
    const before = sink.requests.length;
    expect(await evaluateRule(deps(), viaFallback, t0)).toBe('fired');
    expect(await evaluateRule(deps(), skipped, t0)).toBe('fired');
    expect(sink.requests.slice(before).map((r) => r.path)).toEqual(['/backup']);
    const [fallbackEvent] = await alertHistory(viaFallback.id);
    expect(fallbackEvent!.notifications).toEqual([
      {
        channel_id: withFallback.id,
        status: 'skipped',
        detail: `the alert is about this channel; sent through its fallback channel ${backup.id} instead`,
      },
      {
        channel_id: backup.id,
        status: 'sent',
        detail: expect.stringContaining(`fallback of channel ${withFallback.id}`),
      },
    ]);
    const [skippedEvent] = await alertHistory(skipped.id);
    expect(skippedEvent!.kind).toBe('firing');
    expect(skippedEvent!.notifications).toEqual([
      {
        channel_id: alone.id,
        status: 'skipped',
        detail: 'the alert is about this channel and it has no usable fallback channel: not sent',
      },
    ]);
  });

  it('records a failed notification with the reason, and a channel that needs a recipient as skipped', async () => {
    const broken = await webhookChannel(`${sink.url}/broken`);
    const mail = await makeChannel({ type: 'email', provider: 'smtp', config: {} });
    const [rule] = await db()
      .insert(schema.alertRules)
      .values({
        name: `rule-${uniq()}`,
        kind: 'queue_depth',
        params: { queue: QUEUES.statusPoll, threshold: 0 },
        notifyChannelIds: [broken.id, mail.id],
      })
      .returning();
    sink.respondWith((req) => (req.path === '/broken' ? { status: 503, body: 'down' } : { status: 200 }));
    try {
      expect(await evaluateRule(deps(), rule!, new Date())).toBe('fired');
    } finally {
      sink.respondWith(() => ({ status: 200 }));
    }
    const [event] = await alertHistory(rule!.id);
    expect(event!.notifications).toEqual([
      { channel_id: broken.id, status: 'failed', detail: expect.stringContaining('503') },
      {
        channel_id: mail.id,
        status: 'skipped',
        detail: "a smtp channel needs a recipient: set the rule's notify_to",
      },
    ]);
  });
});

describe('leader election', () => {
  it('one of two evaluators leads; the other takes over when the leader stops', async () => {
    const options = {
      ...ctx(),
      connectionString: process.env.DATABASE_URL!,
      intervalSeconds: 3600,
      log: logger,
    };
    const a = startAlertEvaluator(options);
    const b = startAlertEvaluator(options);
    try {
      const first = await a.runOnce();
      expect(first).toBeInstanceOf(Map);
      expect(await b.runOnce()).toBeNull();
      expect(await a.runOnce()).toBeInstanceOf(Map);
      await a.stop();
      expect(await b.runOnce()).toBeInstanceOf(Map);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
