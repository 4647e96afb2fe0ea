import { describe, expect, it, vi } from 'vitest';
import { env } from '../lib/env';
import { uniq } from './support/factories';
import {
  apiWorkflow,
  attemptsOf,
  messagesOfWorkflow,
  postEvent,
  sinkAndWorkerForFile,
  waitFor,
  webhookChannel,
} from './support/pipeline';

// One send at a time per channel, so the rest of a batch is still waiting when the provider answers 429.
// Read once per process: set before anything in this file parses the environment.
vi.hoisted(() => {
  process.env.DELIVERY_CHANNEL_CONCURRENCY = '1';
});

const running = sinkAndWorkerForFile();

describe('a 429 in the middle of a batch', () => {
  it('the sends of the batch queued behind it are given back untouched and go out when the window ends', async () => {
    expect(env().DELIVERY_CHANNEL_CONCURRENCY).toBe(1);
    let seen = 0;
    running.sink.respondWith(() =>
      ++seen === 1
        ? { status: 429, headers: { 'retry-after': '2' }, body: '{"error":"slow down"}' }
        : { status: 200, body: '{"ok":true}' },
    );
    const hook = await webhookChannel(`${running.sink.url}/batch`, {
      retry_policy: { max_attempts: 1, base_delay_seconds: 1, max_delay_seconds: 1 },
    });
    const eventType = `evt.${uniq()}`;
    // One event, five recipients: five messages in one delivery job, claimed and handled as one batch.
    const workflow = await apiWorkflow(eventType, [
      {
        type: 'send',
        channel_id: hook.id,
        to: "{{ data.recipients | join: ',' }}",
        template: { body: '{"to": "{{ recipient }}"}' },
      },
    ]);
    await postEvent({ event_type: eventType, data: { recipients: ['r0', 'r1', 'r2', 'r3', 'r4'] } });

    const rows = await waitFor(
      async () => {
        const all = await messagesOfWorkflow(workflow.id);
        return all.length === 5 && all.every((m) => ['sent', 'failed', 'dead'].includes(m.status))
          ? all
          : undefined;
      },
      30_000,
      '5 messages final',
    );
    expect(rows.map((m) => m.status)).toEqual(Array(5).fill('sent'));
    expect(rows.map((m) => m.attemptCount)).toEqual(Array(5).fill(1));
    const timelines = await Promise.all(
      rows.map(async (m) => (await attemptsOf(m.id)).map((a) => a.outcome)),
    );
    // The throttled one has its 429 on record; the others were never tried in the window: no row for them.
    expect(timelines.sort((a, b) => b.length - a.length)).toEqual([
      ['rate_limited', 'success'],
      ['success'],
      ['success'],
      ['success'],
      ['success'],
    ]);
    const times = running.sink.requests.map((r) => r.receivedAt);
    expect(times).toHaveLength(6);
    // Nothing reached the provider until its window (2 s from its answer) was over.
    expect(Math.min(...times.slice(1)) - times[0]!).toBeGreaterThanOrEqual(1_990);
  }, 45_000);
});
