import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../app/api/v1/stats/route';
import type { Stats } from '../lib/stats/schemas';
import { call, makeApiKey, makeChannel, makeWorkflow } from './support/factories';
import { makeEventRun, makeMessage } from './support/message-factories';

// A fixed three-hour window in the past, hourly buckets: 00:xx has messages, 01:xx none, 02:xx more; a message
// on each side of the window proves [from, to).
const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-01-01T03:00:00.000Z';
const at = (time: string) => new Date(`2026-01-01T${time}Z`);
const ms = (date: Date, offset: number) => new Date(date.getTime() + offset);

let key: string;
const ids: Record<'alpha' | 'bravo' | 'charlie', string> = { alpha: '', bravo: '', charlie: '' };

beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  const alpha = await makeChannel({ name: 'alpha' });
  const bravo = await makeChannel({ name: 'bravo' });
  const charlie = await makeChannel({ name: 'charlie' });
  Object.assign(ids, { alpha: alpha.id, bravo: bravo.id, charlie: charlie.id });
  const workflow = await makeWorkflow();
  // A message sent `latency` ms after its event arrived.
  const sentAfter = async (
    channelId: string,
    status: 'sent' | 'delivered' | 'bounced',
    created: Date,
    latency: number,
    attempts?: string[],
  ) => {
    const { run } = await makeEventRun(workflow.id, created);
    return makeMessage({
      channelId,
      status,
      createdAt: created,
      sentAt: ms(created, latency),
      runId: run.id,
      attempts,
    });
  };

  // 00:xx — alpha: 3 sent, 1 delivered; bravo: 1 failed; charlie: 1 delivered.
  await sentAfter(alpha.id, 'sent', at('00:10:00.000'), 100, ['retryable_error', 'success']);
  await sentAfter(alpha.id, 'sent', at('00:11:00.000'), 200, ['success']);
  await sentAfter(alpha.id, 'sent', at('00:12:00.000'), 400, ['success']);
  const delivered = await sentAfter(alpha.id, 'delivered', at('00:13:00.000'), 1000);
  await makeMessage({
    channelId: bravo.id,
    status: 'failed',
    createdAt: at('00:14:00.000'),
    attempts: ['permanent_error'],
  });
  await sentAfter(charlie.id, 'delivered', at('00:15:00.000'), 3000);
  // A provider event on the timeline is not a delivery attempt.
  await makeMessageEvent(delivered.id);

  // 02:xx — alpha: 1 dead, 1 queued, 1 sending; bravo: 2 dead, 1 bounced, 1 sent; charlie: 1 failed, 1 sent (no
  // event: not a latency sample); a message of a deleted channel, retrying.
  await makeMessage({ channelId: alpha.id, status: 'dead', createdAt: at('02:40:00.000') });
  await makeMessage({ channelId: alpha.id, status: 'queued', createdAt: at('02:41:00.000') });
  await makeMessage({ channelId: alpha.id, status: 'sending', createdAt: at('02:42:00.000') });
  for (const minute of ['43', '44'])
    await makeMessage({
      channelId: bravo.id,
      status: 'dead',
      createdAt: at(`02:${minute}:00.000`),
      attempts: ['retryable_error', 'retryable_error'],
    });
  await sentAfter(bravo.id, 'bounced', at('02:45:00.000'), 50);
  await sentAfter(bravo.id, 'sent', at('02:46:00.000'), 800);
  await makeMessage({ channelId: charlie.id, status: 'failed', createdAt: at('02:47:00.000') });
  await makeMessage({
    channelId: charlie.id,
    status: 'sent',
    createdAt: at('02:48:00.000'),
    sentAt: at('02:48:01.000'),
  });
  await makeMessage({ channelId: null, status: 'retrying', createdAt: at('02:49:00.000') });

  // Just outside the window on both sides; the dead one still waits in the dead letters.
  await sentAfter(alpha.id, 'sent', new Date(Date.parse(FROM) - 1), 99_999, ['retryable_error']);
  await makeMessage({
    channelId: alpha.id,
    status: 'dead',
    createdAt: new Date(TO),
    attempts: ['retryable_error', 'retryable_error', 'retryable_error'],
  });
});

async function makeMessageEvent(messageId: string) {
  const { db, schema } = await import('../lib/db');
  await db()
    .insert(schema.messageAttempts)
    .values({ messageId, attempt: 1, kind: 'event', outcome: 'delivered' });
}

async function stats(query: string): Promise<Response> {
  return call(GET, { key, path: `/api/v1/stats?${query}` });
}

async function statsOk(query: string): Promise<Stats> {
  const res = await stats(query);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Stats;
}

const zero = {
  queued: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  failed: 0,
  retrying: 0,
  dead: 0,
  bounced: 0,
  discarded: 0,
};

describe('GET /api/v1/stats', () => {
  it('counts the window by status, in every bucket, empty ones as zeros', async () => {
    const s = await statsOk(`from=${FROM}&to=${TO}&bucket=hour`);
    expect(s.from).toBe(FROM);
    expect(s.to).toBe(TO);
    expect(s.bucket_seconds).toBe(3600);
    expect(s.totals).toEqual({
      messages: 16,
      succeeded: 7,
      failed: 6,
      in_flight: 3,
      by_status: {
        queued: 1,
        sending: 1,
        sent: 5,
        delivered: 2,
        failed: 2,
        retrying: 1,
        dead: 3,
        bounced: 1,
        discarded: 0,
      },
    });
    expect(s.volume).toEqual([
      { start: '2026-01-01T00:00:00.000Z', counts: { ...zero, sent: 3, delivered: 2, failed: 1 } },
      { start: '2026-01-01T01:00:00.000Z', counts: zero },
      {
        start: '2026-01-01T02:00:00.000Z',
        counts: { ...zero, queued: 1, sending: 1, sent: 2, failed: 1, retrying: 1, dead: 3, bounced: 1 },
      },
    ]);
  });

  it('gives one dense series per channel and status', async () => {
    const s = await statsOk(`from=${FROM}&to=${TO}&bucket=hour`);
    const series = (name: string | null, status: string, counts: number[]) => ({
      channel_id: name ? ids[name as keyof typeof ids] : null,
      channel_name: name,
      status,
      counts,
    });
    expect(s.volume_by_channel).toEqual([
      series('alpha', 'dead', [0, 0, 1]),
      series('alpha', 'delivered', [1, 0, 0]),
      series('alpha', 'queued', [0, 0, 1]),
      series('alpha', 'sending', [0, 0, 1]),
      series('alpha', 'sent', [3, 0, 0]),
      series('bravo', 'bounced', [0, 0, 1]),
      series('bravo', 'dead', [0, 0, 2]),
      series('bravo', 'failed', [1, 0, 0]),
      series('bravo', 'sent', [0, 0, 1]),
      series('charlie', 'delivered', [1, 0, 0]),
      series('charlie', 'failed', [0, 0, 1]),
      series('charlie', 'sent', [0, 0, 1]),
      series(null, 'retrying', [0, 0, 1]),
    ]);
  });

  it('computes the rates, the latency percentiles and the dead letters waiting', async () => {
    const s = await statsOk(`from=${FROM}&to=${TO}`);
    // sent + delivered = 7 of 13 finished (7 + failed 2 + dead 3 + bounced 1).
    expect(s.success_rate).toBeCloseTo(7 / 13, 12);
    // Attempts of the window's messages: 9, of which 6 failed (1 + 1 permanent + 2·2); the provider event and
    // the messages outside the window do not count.
    expect(s.error_rate).toBeCloseTo(6 / 9, 12);
    // Samples 50, 100, 200, 400, 800, 1000, 3000 ms: p50 is the 4th, p95 interpolates 1000 → 3000 at 0.7.
    expect(s.latency_ms.samples).toBe(7);
    expect(s.latency_ms.p50).toBe(400);
    expect(s.latency_ms.p95).toBeCloseTo(2400, 6);
    // Dead now, wherever created: 3 in the window and 1 after it.
    expect(s.dead_letters_waiting).toBe(4);
  });

  it('ranks failing channels by failures, then by failure rate', async () => {
    const s = await statsOk(`from=${FROM}&to=${TO}`);
    expect(s.top_failing_channels).toEqual([
      { channel_id: ids.bravo, name: 'bravo', failures: 4, finished: 5, failure_rate: 0.8 },
      { channel_id: ids.charlie, name: 'charlie', failures: 1, finished: 3, failure_rate: 1 / 3 },
      { channel_id: ids.alpha, name: 'alpha', failures: 1, finished: 5, failure_rate: 0.2 },
    ]);
  });

  it('cuts the range into the asked interval and keeps only [from, to)', async () => {
    const s = await statsOk(`from=2026-01-01T00:12:00.000Z&to=${TO}&bucket=30m`);
    expect(s.bucket_seconds).toBe(1800);
    // The first bucket starts at 00:00, before `from`, and holds only messages from 00:12 on.
    expect(
      s.volume.map((b) => [b.start.slice(11, 16), b.counts.sent + b.counts.delivered + b.counts.failed]),
    ).toEqual([
      ['00:00', 4],
      ['00:30', 0],
      ['01:00', 0],
      ['01:30', 0],
      ['02:00', 0],
      ['02:30', 3],
    ]);
    expect(s.totals.messages).toBe(14);
  });

  it('answers an empty window with zeros and null rates', async () => {
    const s = await statsOk('from=2025-06-01T00:00:00Z&to=2025-06-01T00:05:00Z');
    expect(s.bucket_seconds).toBe(60);
    expect(s.volume).toHaveLength(5);
    expect(s.volume.every((b) => Object.values(b.counts).every((n) => n === 0))).toBe(true);
    expect(s.totals.messages).toBe(0);
    expect(s.success_rate).toBeNull();
    expect(s.error_rate).toBeNull();
    expect(s.latency_ms).toEqual({ p50: null, p95: null, samples: 0 });
    expect(s.top_failing_channels).toEqual([]);
    expect(s.volume_by_channel).toEqual([]);
    expect(s.dead_letters_waiting).toBe(4);
  });

  it('defaults to the last 24 hours in hourly buckets', async () => {
    const before = Date.now();
    const s = await statsOk('');
    const from = Date.parse(s.from);
    expect(Date.parse(s.to) - from).toBe(24 * 3600 * 1000);
    expect(Date.parse(s.to)).toBeGreaterThanOrEqual(before);
    expect(s.bucket_seconds).toBe(3600);
    expect(s.volume).toHaveLength(from % 3_600_000 === 0 ? 24 : 25);
    expect(s.totals.messages).toBe(0);
  });

  it.each([
    ['from=2026-01-01T03:00:00Z&to=2026-01-01T03:00:00Z', 'query.to', /after from/],
    ['from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'query.from', /at most 90 days/],
    [
      'from=2026-01-01T00:00:00Z&to=2026-01-08T00:00:00Z&bucket=minute',
      'query.bucket',
      /10080 buckets.*at most 1500/,
    ],
    ['bucket=fortnight', 'query.bucket', /minute, hour, day/],
    ['from=yesterday', 'query.from', /./],
  ])('refuses %s with a 422 naming %s', async (query, path, message) => {
    const res = await stats(query);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]!.path).toBe(path);
    expect(problem.errors[0]!.message).toMatch(message);
  });

  it('needs read access', async () => {
    expect((await call(GET, { path: '/api/v1/stats' })).status).toBe(401);
    const trigger = await makeApiKey('trigger');
    expect((await call(GET, { key: trigger.key, path: '/api/v1/stats' })).status).toBe(403);
  });
});
