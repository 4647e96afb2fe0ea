import type { ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { type HttpSink, startHttpSink } from './support/http-sink';
import { apiWorkflow, messagesOfWorkflow, postEvent, waitFor, webhookChannel } from './support/pipeline';
import { spawnTs } from './support/processes';

let sink: HttpSink;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawnTs('worker/index.ts', [], { WORKER_HEARTBEAT_SECONDS: '1', LOG_LEVEL: 'warn' });
  child.stdout?.resume();
  child.stderr?.resume();
  workers.push(child);
  return child;
}

async function statusCounts(workflowId: string): Promise<Record<string, number>> {
  const rows = await db()
    .select({ status: schema.messages.status })
    .from(schema.messages)
    .where(eq(schema.messages.workflowId, workflowId));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  sink = await startHttpSink();
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await sink?.close();
});

/** One event whose send step fans out to `n` recipients: n messages, n webhook deliveries. */
async function fanOut(path: string, n: number, channelExtra: Record<string, unknown> = {}) {
  const hook = await webhookChannel(`${sink.url}${path}`, channelExtra);
  const eventType = `fan${path.replaceAll('/', '.')}`;
  const workflow = await apiWorkflow(eventType, [
    {
      type: 'send',
      channel_id: hook.id,
      to: "{{ data.recipients | join: ',' }}",
      template: { body: '{"to": "{{ recipient }}"}' },
    },
  ]);
  const recipients = Array.from({ length: n }, (_, i) => `r${i}`);
  const res = await postEvent({ event_type: eventType, data: { recipients } });
  expect(res.status).toBe(202);
  return workflow;
}

describe('worker processes', () => {
  it('a worker SIGKILLed in the middle of 1,000 deliveries: after a restart all 1,000 end sent, each id received', async () => {
    sink.respondWith(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { status: 200, body: '{}' };
    });
    const before = sink.requests.length;
    const first = startWorker();
    const workflow = await fanOut('/crash', 1000);
    await waitFor(async () => sink.requests.length - before >= 250, 60_000, '250 deliveries before the kill');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await statusCounts(workflow.id);
    startWorker();
    const final = await waitFor(
      async () => {
        const counts = await statusCounts(workflow.id);
        return counts.sent === 1000 ? counts : undefined;
      },
      150_000,
      'all 1,000 sent after the restart',
    );
    expect(final).toEqual({ sent: 1000 });
    const ids = sink.requests.slice(before).map((r) => r.headers['webhook-id']!);
    const distinct = new Set(ids);
    expect(distinct.size).toBe(1000);
    const repeats = ids.length - distinct.size;
    // Reported, not asserted: a message in flight at the kill is sent again with the same webhook-id.
    process.stdout.write(
      `SIGKILL test: ${ids.length} requests, ${distinct.size} distinct webhook-ids, ${repeats} repeat(s); statuses at the kill: ${JSON.stringify(atKill)}\n`,
    );
    expect(repeats).toBeLessThanOrEqual(50);
  }, 200_000);

  it('a channel limited to 20/s with two worker processes: 200 messages take at least 9 s and none fails', async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGTERM');
    sink.respondWith(() => ({ status: 200, body: '{}' }));
    startWorker();
    startWorker();
    const before = sink.requests.length;
    const workflow = await fanOut('/limited', 200, { rate_limit: { per_second: 20 } });
    const final = await waitFor(
      async () => {
        const counts = await statusCounts(workflow.id);
        return counts.sent === 200 ? counts : undefined;
      },
      60_000,
      '200 sent',
    );
    expect(final).toEqual({ sent: 200 });
    const times = sink.requests
      .slice(before)
      .filter((r) => r.path === '/limited')
      .map((r) => r.receivedAt);
    expect(times).toHaveLength(200);
    const spanMs = Math.max(...times) - Math.min(...times);
    expect(spanMs).toBeGreaterThanOrEqual(9000);
    // The limiter counts fixed one-second windows (rate-limiter-flexible), shared through PostgreSQL: over the
    // run the rate stays at the limit, and a wall-clock second can straddle two windows (at most twice the limit).
    expect((times.length - 20) / (spanMs / 1000)).toBeLessThanOrEqual(22);
    const perSecond = new Map<number, number>();
    for (const t of times)
      perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(40);
    expect(await messagesOfWorkflow(workflow.id)).toHaveLength(200);
  }, 90_000);
});
