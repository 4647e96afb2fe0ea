import { describe, expect, it } from 'vitest';
import { db } from '../lib/db';
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

const running = sinkAndWorkerForFile();

/** Delivery jobs for these messages that wait for a later window (not the ones fetched right away). */
async function pendingDeliveries(messageIds: string[]) {
  const { rows } = await db().$client.query<{ data: { message_ids: string[] }; start_after: Date }>(
    `SELECT data, start_after FROM pgboss.job WHERE name = 'message-deliver' AND state = 'created'
       AND start_after > now() + interval '10 seconds'`,
  );
  return rows.flatMap((job) =>
    job.data.message_ids
      .filter((id) => messageIds.includes(id))
      .map((id) => ({ id, startAfter: job.start_after })),
  );
}

/** `count` events through a channel limited by `rateLimit`; waits until every message was sent or deferred. */
async function limitedFlow(rateLimit: Record<string, number>, count: number, limit: number) {
  const path = `/limited-${uniq()}`;
  const hook = await webhookChannel(`${running.sink.url}${path}`, { rate_limit: rateLimit });
  const eventType = `evt.${uniq()}`;
  const workflow = await apiWorkflow(eventType, [
    { type: 'send', channel_id: hook.id, template: { body: '{"n": {{ data.n }}}' } },
  ]);
  for (let n = 0; n < count; n++) await postEvent({ event_type: eventType, data: { n } });
  // Settled: `limit` sent, and every other message has a job for later (deferred, not sent and not failed).
  return waitFor(
    async () => {
      const rows = await messagesOfWorkflow(workflow.id);
      if (rows.length !== count) return undefined;
      const sent = rows.filter((m) => m.status === 'sent');
      const rest = rows.filter((m) => m.status !== 'sent');
      const later = await pendingDeliveries(rest.map((m) => m.id));
      return sent.length === limit && new Set(later.map((j) => j.id)).size === rest.length
        ? { rows, sent, rest, later, path }
        : undefined;
    },
    30_000,
    `${limit} sent and ${count - limit} deferred`,
  );
}

describe('per-channel rate limits (PostgreSQL-backed windows)', () => {
  it('per_minute: 3: of 5 messages, 3 are sent now and 2 are deferred to the next minute (not failed, no attempt)', async () => {
    const startedAt = Date.now();
    const { rest, later, path } = await limitedFlow({ per_minute: 3 }, 5, 3);
    expect(running.sink.requests.filter((r) => r.path === path)).toHaveLength(3);
    expect(rest.map((m) => [m.status, m.attemptCount])).toEqual([
      ['queued', 0],
      ['queued', 0],
    ]);
    for (const m of rest) expect(await attemptsOf(m.id)).toEqual([]);
    // The window ends a minute after its first send: the deferred jobs start then, not before.
    for (const job of later) {
      expect(job.startAfter.getTime()).toBeGreaterThan(startedAt + 30_000);
      expect(job.startAfter.getTime()).toBeLessThan(Date.now() + 61_000);
    }
  }, 45_000);

  it('per_hour: 2: of 3 messages, 2 are sent and 1 is deferred to the next hour', async () => {
    const startedAt = Date.now();
    const { rest, later, path } = await limitedFlow({ per_hour: 2 }, 3, 2);
    expect(running.sink.requests.filter((r) => r.path === path)).toHaveLength(2);
    expect(rest.map((m) => [m.status, m.attemptCount])).toEqual([['queued', 0]]);
    expect(await attemptsOf(rest[0]!.id)).toEqual([]);
    expect(later[0]!.startAfter.getTime()).toBeGreaterThan(startedAt + 50 * 60_000);
    expect(later[0]!.startAfter.getTime()).toBeLessThan(Date.now() + 3_601_000);
  }, 45_000);
});
