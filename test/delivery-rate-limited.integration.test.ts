import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as retry from '../app/api/v1/messages/[id]/retry/route';
import * as redrive from '../app/api/v1/messages/redrive/route';
import { db, schema } from '../lib/db';
import { call, makeApiKey, uniq } from './support/factories';
import type { SinkRequest } from './support/http-sink';
import {
  apiWorkflow,
  attemptsOf,
  messagesOfWorkflow,
  postEvent,
  sinkAndWorkerForFile,
  waitFor,
  webhookChannel,
} from './support/pipeline';

const running = sinkAndWorkerForFile();

/** Per path: how the sink answers, and when it sent each 429 (the start of a window the provider asked for). */
const scripts = new Map<string, (req: SinkRequest) => { status: number; retryAfter?: string }>();
const throttledAt = new Map<string, number[]>();

// After sinkAndWorkerForFile's own beforeAll (hooks run in the order they are registered).
beforeAll(() => {
  running.sink.respondWith((req) => {
    const path = req.path.split('?')[0]!;
    const { status, retryAfter } = scripts.get(path)?.(req) ?? { status: 200 };
    if (status === 429) throttledAt.set(path, [...(throttledAt.get(path) ?? []), Date.now()]);
    const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
    return {
      status,
      headers,
      body: status === 429 ? '{"error":"slow down"}' : '{"ok":true}',
    };
  });
});

async function throttledFlow(path: string, retryPolicy: Record<string, number>) {
  const hook = await webhookChannel(`${running.sink.url}${path}`, { retry_policy: retryPolicy });
  const eventType = `evt.${uniq()}`;
  const workflow = await apiWorkflow(eventType, [
    { type: 'send', channel_id: hook.id, template: { body: '{"n": {{ data.n }}}' } },
  ]);
  const post = (n: number) => postEvent({ event_type: eventType, data: { n } });
  return { hook, workflow, post };
}

const arrivals = (path: string) => running.sink.requests.filter((r) => r.path === path);

async function allFinal(workflowId: string, count: number) {
  return waitFor(
    async () => {
      const rows = await messagesOfWorkflow(workflowId);
      return rows.length === count && rows.every((m) => ['sent', 'failed', 'dead'].includes(m.status))
        ? rows
        : undefined;
    },
    40_000,
    `${count} messages final`,
  );
}

describe('a provider rate limit (429 + Retry-After) is waited out, not spent', () => {
  it('with max_attempts 2: nothing is dead-lettered, the channel sends nothing during the window, everything is delivered after', async () => {
    const path = '/throttled-window';
    let throttleUntil: number | undefined;
    // 429 + Retry-After: 2 for the first 3 s after the first request (two windows for a message tried at once
    // again), then 200.
    scripts.set(path, () => {
      throttleUntil ??= Date.now() + 3_000;
      return Date.now() < throttleUntil ? { status: 429, retryAfter: '2' } : { status: 200 };
    });
    const { hook, workflow, post } = await throttledFlow(path, {
      max_attempts: 2,
      base_delay_seconds: 1,
      max_delay_seconds: 2,
    });
    await post(0);
    // The first answer holds the channel for every worker; the next messages are fetched inside the window.
    await waitFor(
      async () => {
        const [hold] = await db()
          .select()
          .from(schema.channelHolds)
          .where(eq(schema.channelHolds.channelId, hook.id));
        return hold && hold.until.getTime() > Date.now() ? hold : undefined;
      },
      10_000,
      'the channel held',
    );
    for (let n = 1; n <= 4; n++) await post(n);

    const rows = await allFinal(workflow.id, 5);
    expect(rows.map((m) => m.status)).toEqual(Array(5).fill('sent'));
    // A rate limit waited out is not an attempt: each message spent exactly one, its successful one.
    expect(rows.map((m) => m.attemptCount)).toEqual(Array(5).fill(1));
    expect(rows.every((m) => m.rateLimitedSince === null)).toBe(true);

    const first = rows.find((m) => m.body === '{"n": 0}')!;
    const timeline = await attemptsOf(first.id);
    expect(timeline.at(-1)?.outcome).toBe('success');
    expect(timeline.slice(0, -1).length).toBeGreaterThanOrEqual(1);
    expect(timeline.slice(0, -1).every((a) => a.outcome === 'rate_limited' && a.responseCode === 429)).toBe(
      true,
    );

    // No request reached the provider inside a window it asked for (a grace of 250 ms after each 429 covers
    // sends already in flight when it was answered).
    const windows = throttledAt.get(path)!;
    const requests = arrivals(path);
    const inside = requests.filter((r) =>
      windows.some((w) => r.receivedAt > w + 250 && r.receivedAt < w + 1_950),
    );
    expect(inside).toEqual([]);
    // The four messages posted during the first window waited for it: none was sent before it ended.
    const later = requests.filter((r) => !r.body.includes('"n": 0'));
    expect(Math.min(...later.map((r) => r.receivedAt))).toBeGreaterThanOrEqual(windows[0]! + 1_950);
    // Each message reached the provider successfully exactly once.
    expect(requests.length - windows.length).toBe(5);
  }, 60_000);

  it('with max_attempts 1: a 429 with Retry-After: 1 is waited out and the message is sent', async () => {
    const path = '/throttled-once';
    let seen = 0;
    scripts.set(path, () => (++seen === 1 ? { status: 429, retryAfter: '1' } : { status: 200 }));
    const { workflow, post } = await throttledFlow(path, {
      max_attempts: 1,
      base_delay_seconds: 1,
      max_delay_seconds: 1,
    });
    await post(1);
    const [message] = await allFinal(workflow.id, 1);
    expect(message!.status).toBe('sent');
    expect(message!.attemptCount).toBe(1);
    expect((await attemptsOf(message!.id)).map((a) => a.outcome)).toEqual(['rate_limited', 'success']);
  }, 30_000);

  it('a Retry-After beyond RATE_LIMIT_MAX_WAIT_SECONDS (3600) counts as a failed attempt: dead after max_attempts', async () => {
    const path = '/throttled-for-hours';
    scripts.set(path, () => ({ status: 429, retryAfter: '4000' }));
    const { hook, workflow, post } = await throttledFlow(path, {
      max_attempts: 1,
      base_delay_seconds: 1,
      max_delay_seconds: 1,
    });
    await post(1);
    const [message] = await allFinal(workflow.id, 1);
    expect(message!.status).toBe('dead');
    expect(message!.attemptCount).toBe(1);
    expect((await attemptsOf(message!.id)).map((a) => [a.outcome, a.responseCode])).toEqual([
      ['permanent_error', 429],
    ]);
    // The channel is still held, for at most the cap.
    const [hold] = await db()
      .select()
      .from(schema.channelHolds)
      .where(eq(schema.channelHolds.channelId, hook.id));
    expect(hold!.until.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    expect(hold!.until.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(arrivals(path)).toHaveLength(1);
  }, 30_000);

  it('a re-drive starts without the old rate-limit streak: the next Retry-After is waited out, not counted', async () => {
    const path = '/throttled-after-redrive';
    let redriven = false;
    const seen = new Map<string, number>();
    scripts.set(path, (req) => {
      if (!redriven) return { status: 400 };
      const count = (seen.get(req.body) ?? 0) + 1;
      seen.set(req.body, count);
      return count === 1 ? { status: 429, retryAfter: '1' } : { status: 200 };
    });
    const { workflow, post } = await throttledFlow(path, {
      max_attempts: 1,
      base_delay_seconds: 1,
      max_delay_seconds: 1,
    });
    await post(1);
    await post(2);
    const failed = await allFinal(workflow.id, 2);
    expect(failed.map((m) => m.status)).toEqual(['failed', 'failed']);
    const ids = failed.map((m) => m.id);
    // As if both had been throttled for two hours before they died: past RATE_LIMIT_MAX_WAIT_SECONDS (3600).
    await db()
      .update(schema.messages)
      .set({ rateLimitedSince: sql`now() - interval '2 hours'` })
      .where(inArray(schema.messages.id, ids));

    redriven = true;
    const { key } = await makeApiKey('admin');
    const one = await call(retry.POST, { method: 'POST', key, params: { id: ids[0]! } });
    expect(one.status).toBe(202);
    const many = await call(redrive.POST, {
      method: 'POST',
      key,
      body: { ids: [ids[1]], reason: 'quota raised' },
    });
    expect(many.status).toBe(202);

    const after = await waitFor(
      async () => {
        const rows = await messagesOfWorkflow(workflow.id);
        return rows.every((m) => ['sent', 'dead'].includes(m.status) && m.attemptCount > 0)
          ? rows
          : undefined;
      },
      30_000,
      'both re-driven messages final',
    );
    for (const message of after) {
      expect(message.status).toBe('sent');
      expect(message.rateLimitedSince).toBeNull();
      expect((await attemptsOf(message.id)).map((a) => a.outcome)).toEqual([
        'permanent_error',
        'rate_limited',
        'success',
      ]);
    }
  }, 40_000);
});
