import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as triggerItem from '../app/api/v1/triggers/[id]/route';
import * as triggers from '../app/api/v1/triggers/route';
import { db } from '../lib/db';
import type { EngineDeps } from '../lib/deps';
import { engineDeps } from '../lib/deps';
import { AdvisoryLock } from '../lib/triggers/runtime/advisory-lock';
import { pollDelayMs, startPollRuntime } from '../lib/triggers/runtime/poll';
import type { TriggerView } from '../lib/triggers/schemas';
import { call, makeApiKey, makeWorkflow } from './support/factories';
import { type HttpSink, type SinkReply, startHttpSink } from './support/http-sink';
import { waitFor } from './support/pipeline';
import { eventsOfTrigger, runtimeContext, sleep } from './support/trigger-runtime';

let key: string;
let deps: EngineDeps;
let sink: HttpSink;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  deps = await engineDeps();
  sink = await startHttpSink();
});
afterAll(async () => {
  await sink?.close();
});

async function pollTrigger(path: string, config: Record<string, unknown> = {}) {
  const workflow = await makeWorkflow();
  const res = await call(triggers.POST, {
    method: 'POST',
    key,
    body: {
      name: 'tickets',
      type: 'poll',
      workflow_id: workflow.id,
      config: {
        url: `${sink.url}${path}`,
        items_path: 'data.items',
        id_path: 'id',
        event_type: 'ticket.created',
        ...config,
      },
    },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as TriggerView;
}

const listOf = (items: unknown[]): SinkReply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ data: { items } }),
});

const requestsTo = (path: string) => sink.requests.filter((r) => r.path === path);

describe('poll trigger', () => {
  it('emits one event per new item: all on the first poll, only the new one on the next', async () => {
    const path = '/tickets';
    const trigger = await pollTrigger(path, { auth_header: 'Bearer poll-secret-123', interval_seconds: 5 });
    const items = [{ id: 1, title: 'a' }, { id: 2, title: 'b' }, { id: '3', title: 'c' }, { title: 'no id' }];
    sink.respondWith((req) => (req.path === path ? listOf(items) : { status: 404 }));
    const { ctx, reports } = await runtimeContext(trigger.id, 'worker-a', deps);
    const runtime = await startPollRuntime(ctx);
    try {
      await waitFor(async () => (await eventsOfTrigger(trigger.id)).length === 4, 5_000, 'first poll');
      const first = await eventsOfTrigger(trigger.id);
      expect(
        first
          .filter((e) => e.status === 'accepted')
          .map((e) => e.sourceId)
          .sort(),
      ).toEqual([`${trigger.id}:1`, `${trigger.id}:2`, `${trigger.id}:3`].sort());
      expect(first.find((e) => e.sourceId === `${trigger.id}:1`)).toMatchObject({
        eventType: 'ticket.created',
        payload: { event_type: 'ticket.created', data: { id: 1, title: 'a' } },
      });
      // The item without an id is kept as one invalid event, not one per poll.
      expect(first.find((e) => e.status === 'invalid')).toMatchObject({
        raw: '{"title":"no id"}',
        error: 'item has no id (a string or number) at id',
      });
      const request = requestsTo(path)[0]!;
      expect(request.method).toBe('GET');
      expect(request.headers.authorization).toBe('Bearer poll-secret-123');

      items.push({ id: 4, title: 'd' });
      await waitFor(async () => requestsTo(path).length >= 2, 8_000, 'second poll');
      await waitFor(async () => (await eventsOfTrigger(trigger.id)).length === 5, 2_000, 'new item');
      await sleep(200);
      expect(await eventsOfTrigger(trigger.id)).toHaveLength(5);
      expect(reports.filter((r) => r.state === 'error')).toEqual([]);
      expect(reports).toContainEqual(expect.objectContaining({ state: 'running', lastError: null }));
    } finally {
      await runtime.stop();
    }
    const view = await call(triggerItem.GET, { key, params: { id: trigger.id } });
    expect(((await view.json()) as TriggerView).config.auth_header).toBe('••••-123');
  }, 20_000);

  it('an item id holding U+0000 is stored (made visible) and does not hold up the items after it', async () => {
    const path = '/nul-ids';
    const trigger = await pollTrigger(path, { interval_seconds: 5 });
    sink.respondWith((req) =>
      req.path === path ? listOf([{ id: 'first' }, { id: 'bad\u0000id' }, { id: 'last' }]) : { status: 404 },
    );
    const { ctx, reports } = await runtimeContext(trigger.id, 'worker-a', deps);
    const runtime = await startPollRuntime(ctx);
    try {
      await waitFor(async () => (await eventsOfTrigger(trigger.id)).length === 3, 5_000, 'all three stored');
      expect((await eventsOfTrigger(trigger.id)).map((e) => e.sourceId).sort()).toEqual(
        [`${trigger.id}:bad\\u0000id`, `${trigger.id}:first`, `${trigger.id}:last`].sort(),
      );
      expect(reports.filter((r) => r.state === 'error')).toEqual([]);
    } finally {
      await runtime.stop();
    }
  });

  it('backs off from the interval up to 10× on errors and is back to the interval on success', async () => {
    const path = '/flaky';
    const trigger = await pollTrigger(path);
    const failures: SinkReply[] = [
      { status: 500, body: 'boom' },
      { status: 200, body: 'not json {' },
      { status: 200, body: '{"data":{}}' },
      { status: 200, body: '{"data":{"items":{}}}' },
      { status: 503 },
    ];
    let seen = 0;
    sink.respondWith((req) =>
      req.path === path ? (failures[seen++] ?? listOf([{ id: 'x' }])) : { status: 404 },
    );
    // The API's minimum interval is 5 s; a 200 ms clock keeps this test short.
    const interval = 200;
    const { ctx, reports } = await runtimeContext(trigger.id, 'worker-a', deps, { interval_seconds: 0.2 });
    const runtime = await startPollRuntime(ctx);
    try {
      await waitFor(async () => requestsTo(path).length >= 7, 15_000, 'seven polls');
    } finally {
      await runtime.stop();
    }
    const times = requestsTo(path).map((r) => r.receivedAt);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // After failure n the wait is interval·2^n, capped at 10× the interval: 400, 800, 1600, 2000, 2000 ms.
    const expected = [1, 2, 3, 4, 5].map((n) => pollDelayMs(interval, n));
    expect(expected).toEqual([400, 800, 1600, 2000, 2000]);
    for (const [i, want] of expected.entries()) {
      expect(gaps[i]).toBeGreaterThanOrEqual(want - 50);
      expect(gaps[i]).toBeLessThan(want + 400);
    }
    // The sixth answer succeeded: the next poll comes one interval later.
    expect(gaps[5]).toBeLessThan(interval + 400);

    const errors = reports.filter((r) => r.state === 'error').map((r) => r.lastError);
    expect(errors).toEqual([
      expect.stringContaining('answered HTTP 500'),
      expect.stringContaining('is not JSON'),
      expect.stringContaining('has no data.items'),
      expect.stringContaining('data.items in the response'),
      expect.stringContaining('answered HTTP 503'),
    ]);
    const lastRunning = reports.findLastIndex((r) => r.state === 'running');
    expect(lastRunning).toBeGreaterThan(reports.findLastIndex((r) => r.state === 'error'));
    expect(reports[lastRunning]).toMatchObject({ lastError: null });
    expect(await eventsOfTrigger(trigger.id)).toHaveLength(1);
  }, 30_000);

  it('lets only one of two workers poll a trigger, and the other take over when it stops', async () => {
    const path = '/shared';
    const trigger = await pollTrigger(path);
    sink.respondWith((req) => (req.path === path ? listOf([{ id: 'only' }]) : { status: 404 }));
    const interval = 500;
    const a = await runtimeContext(trigger.id, 'worker-a', deps, { interval_seconds: interval / 1000 });
    const b = await runtimeContext(trigger.id, 'worker-b', deps, { interval_seconds: interval / 1000 });
    const runtimeA = await startPollRuntime(a.ctx);
    await sleep(100);
    const runtimeB = await startPollRuntime(b.ctx);
    await sleep(3_000);
    const during = requestsTo(path).map((r) => r.receivedAt);
    // One poller: about one request per interval, never two close together.
    expect(during.length).toBeGreaterThanOrEqual(4);
    expect(during.length).toBeLessThanOrEqual(8);
    for (const [i, t] of during.slice(1).entries())
      expect(t - during[i]!).toBeGreaterThanOrEqual(interval - 50);
    expect(a.reports.map((r) => r.state)).toContain('running');
    expect(b.reports.map((r) => r.state)).toEqual(['paused']);

    await runtimeA.stop();
    const handover = requestsTo(path).length;
    await waitFor(async () => requestsTo(path).length >= handover + 2, 3_000, 'worker b to poll');
    expect(b.reports.map((r) => r.state)).toContain('running');
    await runtimeB.stop();
    expect(await eventsOfTrigger(trigger.id)).toHaveLength(1);

    // Stopping ends the lock's session: the lock is free again.
    const probe = new AdvisoryLock(db().$client.options, `switchboard:poll:${trigger.id}`);
    expect(await probe.hold()).toBe(true);
    await probe.release();
  }, 20_000);

  it('refuses private addresses through the SSRF guard and reports it', async () => {
    const trigger = await pollTrigger('/unused', {});
    const { ctx, reports } = await runtimeContext(trigger.id, 'worker-a', deps, {
      url: 'http://169.254.169.254/latest/meta-data',
    });
    const runtime = await startPollRuntime(ctx);
    await waitFor(async () => reports.some((r) => r.state === 'error'), 5_000, 'error report');
    await runtime.stop();
    expect(reports.find((r) => r.state === 'error')?.lastError).toContain('refused to connect');
    expect(await eventsOfTrigger(trigger.id)).toEqual([]);
  });

  it('validates the config: interval at least 5 s, http(s) URL, no credentials in plain headers', async () => {
    const workflow = await makeWorkflow();
    const create = async (config: Record<string, unknown>) => {
      const res = await call(triggers.POST, {
        method: 'POST',
        key,
        body: { name: 'p', type: 'poll', workflow_id: workflow.id, config },
      });
      return { status: res.status, paths: ((await res.json()) as { errors?: { path: string }[] }).errors };
    };
    const base = { url: 'https://api.example.test/items', id_path: 'id', event_type: 'x' };
    expect(await create({ ...base, interval_seconds: 1 })).toMatchObject({
      status: 422,
      paths: [{ path: 'body.config.interval_seconds' }],
    });
    expect(await create({ ...base, url: 'ftp://example.test/x' })).toMatchObject({
      status: 422,
      paths: [{ path: 'body.config.url' }],
    });
    expect(await create({ ...base, headers: { Authorization: 'Bearer x' } })).toMatchObject({
      status: 422,
      paths: [{ path: expect.stringMatching(/^body\.config\.headers/) }],
    });
    expect((await create(base)).status).toBe(201);
  });
});
