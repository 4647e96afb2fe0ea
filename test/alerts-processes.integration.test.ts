import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRule } from '../lib/alerts/service';
import { db } from '../lib/db';
import { alertHistory, alertRuleRow } from './support/alert-rows';
import { type HttpSink, startHttpSink } from './support/http-sink';
import { apiWorkflow, postEvent, waitFor, webhookChannel } from './support/pipeline';
import { spawnWorker } from './support/processes';

/**
 * The acceptance test of alerting: real worker processes (two of them, each a candidate leader) evaluating
 * every 5 s, a webhook channel whose receiver fails persistently, and a second webhook channel to be told.
 */

let failingSink: HttpSink;
let noticeSink: HttpSink;
const workers: ChildProcess[] = [];
const CONSOLE_URL = 'https://console.example.test';

function startWorker(): ChildProcess {
  const child = spawnWorker({ WORKER_HTTP_PORT: '0', ALERT_EVALUATION_SECONDS: '5', CONSOLE_URL });
  workers.push(child);
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  failingSink = await startHttpSink();
  noticeSink = await startHttpSink();
});
afterAll(async () => {
  await Promise.all(workers.map(kill));
  await failingSink?.close();
  await noticeSink?.close();
});

const notices = () => noticeSink.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
const alertBodies = (sink: HttpSink) => sink.requests.filter((r) => r.body.includes('switchboard.alert'));

/** The OS process id of the worker holding the evaluator's lock on this test's database, if any. */
async function leader(): Promise<number | undefined> {
  const { rows } = await db().$client.query<{ name: string }>(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()
       AND a.application_name LIKE 'switchboard-alert-leader:%'`,
  );
  return rows[0] ? Number(rows[0].name.split(':')[1]) : undefined;
}

/** Resolves once the leader has evaluated the rule `count` more times. */
async function evaluations(id: string, count: number): Promise<void> {
  const seen = new Set<number>();
  const start = (await alertRuleRow(id)).lastEvaluatedAt?.getTime();
  await waitFor(
    async () => {
      const at = (await alertRuleRow(id)).lastEvaluatedAt?.getTime();
      if (at && at !== start) seen.add(at);
      return seen.size >= count;
    },
    60_000,
    `${count} more evaluations`,
  );
}

describe('alerting with two worker processes', () => {
  it('fires once, stays silent within the cooldown, resolves once, survives the leader being killed; never through the failing channel', async () => {
    let failing = true;
    failingSink.respondWith(() => (failing ? { status: 500, body: 'broken' } : { status: 200, body: '{}' }));
    // One attempt per message: each failure is final at once, so the error rate follows the sink.
    const flaky = await webhookChannel(`${failingSink.url}/in`, { retry_policy: { max_attempts: 1 } });
    const pager = await webhookChannel(`${noticeSink.url}/alerts`);
    const eventType = 'alert.acceptance';
    await apiWorkflow(eventType, [{ type: 'send', channel_id: flaky.id, template: { body: '{"n": 1}' } }]);
    const actor = { principal: null };
    const watched = await createAlertRule(
      {
        name: 'Flaky hook failing',
        kind: 'channel_error_rate',
        params: { channel_id: flaky.id, threshold_percent: 50, window_minutes: 1, min_attempts: 3 },
        notify_channel_ids: [flaky.id, pager.id],
        cooldown_minutes: 60,
        enabled: true,
      },
      actor,
    );
    const alone = await createAlertRule(
      {
        name: 'Flaky hook, told only through itself',
        kind: 'channel_error_rate',
        params: { channel_id: flaky.id, threshold_percent: 50, window_minutes: 1, min_attempts: 3 },
        notify_channel_ids: [flaky.id],
        cooldown_minutes: 60,
        enabled: true,
      },
      actor,
    );

    startWorker();
    startWorker();
    for (let i = 0; i < 5; i++)
      expect((await postEvent({ event_type: eventType, data: { i } })).status).toBe(202);
    await failingSink.waitForRequests(5);

    await waitFor(
      async () => (await alertRuleRow(watched.id)).state === 'firing',
      60_000,
      'the rule to fire',
    );
    await noticeSink.waitForRequests(1);
    // Several evaluations while it keeps firing, within the cooldown: nothing more is sent.
    await evaluations(watched.id, 3);
    expect(notices()).toHaveLength(1);
    const [fired] = notices();
    expect(fired).toMatchObject({
      type: 'switchboard.alert.firing',
      rule: { id: watched.id, name: 'Flaky hook failing', kind: 'channel_error_rate' },
      value: 100,
      threshold: 50,
      url: `${CONSOLE_URL}/alerts/${watched.id}`,
    });
    expect(fired!.text).toContain('Alert "Flaky hook failing" (Channel error rate) is firing');
    // Every attempt so far failed; how many were recorded by the evaluation that fired is up to timing.
    expect(fired!.text).toMatch(/error rate 100 % \((\d) of \1 attempts failed\) in the last 1 min/);
    expect(fired!.text).toContain('threshold 50 %');

    // The receiver recovers: deliveries succeed and the rate falls under the threshold.
    failing = false;
    for (let i = 0; i < 10; i++) await postEvent({ event_type: eventType, data: { ok: i } });
    await failingSink.waitForRequests(15);
    await waitFor(async () => (await alertRuleRow(watched.id)).state === 'ok', 60_000, 'the rule to resolve');
    await noticeSink.waitForRequests(2);
    await evaluations(watched.id, 2);
    expect(notices().map((n) => n.type)).toEqual(['switchboard.alert.firing', 'switchboard.alert.resolved']);
    expect(notices()[1]).toMatchObject({
      rule: { id: watched.id },
      url: `${CONSOLE_URL}/alerts/${watched.id}`,
    });
    expect(notices()[1]!.text).toContain('has resolved');
    // The failing channel carried deliveries only, never an alert about itself.
    expect(alertBodies(failingSink)).toEqual([]);

    const events = await alertHistory(watched.id);
    expect(events.map((e) => e.kind)).toEqual(['firing', 'resolved']);
    for (const event of events) {
      expect(event.notifications).toEqual([
        {
          channel_id: flaky.id,
          status: 'skipped',
          detail: 'the alert is about this channel; sent through the other channels',
        },
        { channel_id: pager.id, status: 'sent', detail: expect.stringContaining('sent through') },
      ]);
    }

    // The leader is killed; the other worker takes the lock over and goes on evaluating. The channel fails
    // again within the cooldown: the new leader records it as suppressed and sends nothing.
    const leaderPid = await waitFor(leader, 30_000, 'the leader');
    const killed = workers.find((w) => w.pid === leaderPid)!;
    expect(killed).toBeDefined();
    await kill(killed);
    failing = true;
    for (let i = 0; i < 20; i++) await postEvent({ event_type: eventType, data: { again: i } });
    await failingSink.waitForRequests(35);
    await waitFor(
      async () => (await alertRuleRow(watched.id)).state === 'firing',
      60_000,
      'the new leader to fire',
    );
    const successor = await waitFor(leader, 30_000, 'a new leader');
    expect(successor).not.toBe(leaderPid);
    expect(workers.map((w) => w.pid)).toContain(successor);
    await evaluations(watched.id, 2);
    expect(notices()).toHaveLength(2);
    expect((await alertHistory(watched.id)).map((e) => e.kind)).toEqual(['firing', 'resolved', 'suppressed']);

    // The rule told only through the failing channel, which has no fallback: recorded as skipped, not sent.
    const aloneEvents = await alertHistory(alone.id);
    expect(aloneEvents.map((e) => e.kind)).toEqual(['firing', 'resolved', 'suppressed']);
    expect(aloneEvents[0]!.notifications).toEqual([
      {
        channel_id: flaky.id,
        status: 'skipped',
        detail: 'the alert is about this channel and it has no usable fallback channel: not sent',
      },
    ]);
  }, 180_000);
});
