import type { ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { effectiveStatus } from '../lib/messages/status';
import { type HttpSink, startHttpSink } from './support/http-sink';
import { apiWorkflow, messagesOfWorkflow, postEvent, waitFor, webhookChannel } from './support/pipeline';
import { spawnWorker } from './support/processes';

let sink: HttpSink;
const workers: ChildProcess[] = [];

function startWorker(env: Record<string, string> = {}): ChildProcess {
  const child = spawnWorker(env);
  workers.push(child);
  return child;
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function kill(child: ChildProcess): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Messages by status as the API shows it (a claimed message is `sending`). */
async function statusCounts(workflowId: string): Promise<Record<string, number>> {
  const rows = await db()
    .select({ status: schema.messages.status, claimedBy: schema.messages.claimedBy })
    .from(schema.messages)
    .where(eq(schema.messages.workflowId, workflowId));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[effectiveStatus(r)] = (counts[effectiveStatus(r)] ?? 0) + 1;
  return counts;
}

const allSent = (workflowId: string, n: number) => async () => {
  const counts = await statusCounts(workflowId);
  return counts.sent === n ? counts : undefined;
};

/** webhook-ids the sink saw for one path since `from`: each message's id, so repeats are resends. */
function idsSeen(path: string, from: number): { ids: string[]; distinct: Set<string> } {
  const ids = sink.requests
    .slice(from)
    .filter((r) => r.path === path)
    .map((r) => r.headers['webhook-id']!);
  return { ids, distinct: new Set(ids) };
}

beforeAll(async () => {
  sink = await startHttpSink();
});
afterEach(async () => {
  await Promise.all(workers.map(kill));
});
afterAll(async () => {
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
  it('two workers draining one backlog of 2,000 deliveries: each message sent exactly once, none lost', async () => {
    sink.respondWith(() => ({ status: 200, body: '{}' }));
    const before = sink.requests.length;
    // The backlog is written before any worker runs, so both claim from it at once.
    const workflow = await fanOut('/shared', 2000);
    startWorker();
    startWorker();
    expect(await waitFor(allSent(workflow.id, 2000), 90_000, 'all 2,000 sent')).toEqual({ sent: 2000 });
    const { ids, distinct } = idsSeen('/shared', before);
    expect(distinct.size).toBe(2000);
    expect(ids).toHaveLength(2000);
    const attempts = await db()
      .select({ messageId: schema.messageAttempts.messageId })
      .from(schema.messageAttempts)
      .innerJoin(schema.messages, eq(schema.messages.id, schema.messageAttempts.messageId))
      .where(eq(schema.messages.workflowId, workflow.id));
    expect(attempts).toHaveLength(2000);
  }, 120_000);

  it('a worker SIGKILLed mid-batch: after a restart all 1,000 end sent; repeats at most the messages in flight', async () => {
    sink.respondWith(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { status: 200, body: '{}' };
    });
    const before = sink.requests.length;
    const first = startWorker();
    const workflow = await fanOut('/crash', 1000);
    await waitFor(
      async () => idsSeen('/crash', before).ids.length >= 250,
      60_000,
      '250 deliveries before the kill',
    );
    await kill(first);
    const atKill = await statusCounts(workflow.id);
    startWorker();
    expect(await waitFor(allSent(workflow.id, 1000), 150_000, 'all 1,000 sent')).toEqual({ sent: 1000 });
    const { ids, distinct } = idsSeen('/crash', before);
    expect(distinct.size).toBe(1000);
    const repeats = ids.length - distinct.size;
    process.stdout.write(
      `SIGKILL test: ${ids.length} requests, ${distinct.size} distinct webhook-ids, ${repeats} repeat(s); statuses at the kill: ${JSON.stringify(atKill)}\n`,
    );
    // Only a message the killed worker had claimed (still `sending`) can have been sent without being recorded.
    expect(repeats).toBeLessThanOrEqual(atKill.sending ?? 0);
  }, 200_000);

  it("a crashed worker's claimed messages are taken over and sent within 30 s", async () => {
    // The first worker's sends hang, so its batch stays claimed (`sending`) when it dies.
    sink.respondWith((req) =>
      req.path === '/takeover' && !takeover ? { status: 200, hang: true } : { status: 200, body: '{}' },
    );
    let takeover = false;
    const first = startWorker({ WORKER_HEARTBEAT_SECONDS: '5' });
    const workflow = await fanOut('/takeover', 20);
    await waitFor(
      async () => (await statusCounts(workflow.id)).sending === 20,
      30_000,
      '20 messages claimed',
    );
    await kill(first);
    takeover = true;
    const killedAt = Date.now();
    startWorker({ WORKER_HEARTBEAT_SECONDS: '5' });
    await waitFor(allSent(workflow.id, 20), 40_000, 'the claimed messages sent by another worker');
    const seconds = (Date.now() - killedAt) / 1000;
    process.stdout.write(`takeover after a crash: ${seconds.toFixed(1)} s\n`);
    expect(seconds).toBeLessThan(30);
  }, 90_000);

  it('a channel limited to 20/s with two worker processes: 200 messages take at least 9 s and none fails', async () => {
    sink.respondWith(() => ({ status: 200, body: '{}' }));
    startWorker();
    startWorker();
    const before = sink.requests.length;
    const workflow = await fanOut('/limited', 200, { rate_limit: { per_second: 20 } });
    expect(await waitFor(allSent(workflow.id, 200), 60_000, '200 sent')).toEqual({ sent: 200 });
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
