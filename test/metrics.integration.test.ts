import type { ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as metricsRoute from '../app/api/metrics/route';
import * as hooks from '../app/api/v1/hooks/[trigger_id]/route';
import { db, schema } from '../lib/db';
import { configureReplicas, stopReplicas } from '../lib/db/replicas';
import { startTwilioFake } from './fakes/twilio';
import { call, makeTrigger, makeWorkflow, uniq } from './support/factories';
import { type HttpSink, startHttpSink } from './support/http-sink';
import { apiWorkflow, messagesOfWorkflow, postEvent, waitFor, webhookChannel } from './support/pipeline';
import { spawnTs } from './support/processes';
import { promtoolCheck, sample } from './support/prometheus';
import { postStatusCallback, statusHookUrl, twilioChannel, twilioSignature } from './support/twilio-status';

// Before any import reads the environment: this process (the web side, route handlers in-process) and the
// workers it spawns (they inherit it) both require the token.
const TOKEN = vi.hoisted(() => {
  const token = `metrics-token-${Math.random().toString(36).slice(2)}`;
  process.env.METRICS_TOKEN = token;
  return token;
});

interface Worker {
  child: ChildProcess;
  output: () => string;
  stdout: () => string;
  baseUrl: string;
}

let sink: HttpSink;
const workers: ChildProcess[] = [];

/** A real worker process; its HTTP port (0 = the OS picks) is found in its heartbeat's info. */
async function startWorker(env: Record<string, string> = {}): Promise<Worker> {
  const child = spawnTs('worker/index.ts', [], { WORKER_HEARTBEAT_SECONDS: '1', LOG_LEVEL: 'warn', ...env });
  workers.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const database = env.DATABASE_URL ? undefined : db();
  const port = await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`worker exited:\n${stdout}\n${stderr}`);
      if (!database) return undefined;
      const [row] = await database
        .select({ info: schema.workerHeartbeats.info })
        .from(schema.workerHeartbeats)
        .where(eq(schema.workerHeartbeats.pid, child.pid!));
      return (row?.info as { http?: { port: number } } | null)?.http?.port;
    },
    30_000,
    'the worker heartbeat with its HTTP port',
  );
  return { child, output: () => stdout + stderr, stdout: () => stdout, baseUrl: `http://127.0.0.1:${port}` };
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

beforeAll(async () => {
  sink = await startHttpSink();
});
afterEach(async () => {
  await Promise.all(
    workers.splice(0).map(async (child) => {
      if (!running(child)) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }),
  );
});
afterAll(async () => {
  await sink?.close();
});

const bearer = { authorization: `Bearer ${TOKEN}` };

async function scrapeWorker(worker: Worker): Promise<string> {
  const res = await fetch(`${worker.baseUrl}/metrics`, { headers: bearer });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

async function scrapeWeb(): Promise<string> {
  const res = await call(metricsRoute.GET, { path: '/api/metrics', headers: bearer });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe('Prometheus metrics after a burst with failures', () => {
  it('counts deliveries, retries, dead letters, events and requests exactly; promtool accepts both expositions', async () => {
    const secret = `bearer-secret-${uniq()}${uniq()}`;
    // r0–r5 are accepted, r6–r7 get 500 (retried, then dead), r8–r9 get 400 (failed at once). The receiver
    // echoes the channel's bearer token back, as a careless provider might: it must never reach a log.
    sink.respondWith((req) => {
      const to = (JSON.parse(req.body) as { to: string }).to;
      const n = Number(to.slice(1));
      if (n <= 5) return { status: 200, body: '{}' };
      return { status: n <= 7 ? 500 : 400, body: `{"error":"nope","echo":"${req.headers.authorization}"}` };
    });
    const hook = await webhookChannel(`${sink.url}/metrics-burst`, {
      config: { url: `${sink.url}/metrics-burst`, auth: { type: 'bearer', token: secret } },
      retry_policy: { max_attempts: 3, base_delay_seconds: 1, max_delay_seconds: 1 },
    });
    const eventType = `metrics.burst.${uniq()}`;
    const workflow = await apiWorkflow(eventType, [
      {
        type: 'send',
        channel_id: hook.id,
        to: "{{ data.recipients | join: ',' }}",
        template: { body: '{"to": "{{ recipient }}"}' },
      },
    ]);
    const worker = await startWorker();

    const accepted = await postEvent({
      event_type: eventType,
      data: { recipients: Array.from({ length: 10 }, (_, i) => `r${i}`) },
    });
    expect(accepted.status).toBe(202);
    const requestId = accepted.headers.get('x-request-id')!;
    const { event_id: eventId, runs } = (await accepted.json()) as {
      event_id: string;
      runs: { run_id: string }[];
    };
    // An event PostgreSQL cannot store (NUL in a string): kept as invalid, answered 4xx.
    const refused = await postEvent({ event_type: eventType, data: { name: 'a\u0000b' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);

    const final = await waitFor(
      async () => {
        const rows = await messagesOfWorkflow(workflow.id);
        const counts: Record<string, number> = {};
        for (const m of rows) counts[m.status] = (counts[m.status] ?? 0) + 1;
        return counts.sent === 6 && counts.dead === 2 && counts.failed === 2 ? rows : undefined;
      },
      60_000,
      '6 sent, 2 dead, 2 failed',
    );

    const channel = { channel_id: hook.id, provider: 'webhook' };
    const w = await scrapeWorker(worker);
    expect(sample(w, 'switchboard_deliveries_total', { ...channel, outcome: 'sent' })).toBe(6);
    expect(sample(w, 'switchboard_deliveries_total', { ...channel, outcome: 'retrying' })).toBe(4);
    expect(sample(w, 'switchboard_deliveries_total', { ...channel, outcome: 'dead' })).toBe(2);
    expect(sample(w, 'switchboard_deliveries_total', { ...channel, outcome: 'failed' })).toBe(2);
    expect(sample(w, 'switchboard_delivery_retries_total', channel)).toBe(4);
    expect(sample(w, 'switchboard_dead_letters_total', channel)).toBe(2);
    // Every attempt called the provider: 6 + 4 + 2 + 2.
    expect(sample(w, 'switchboard_provider_response_seconds_count', channel)).toBe(14);
    expect(sample(w, 'switchboard_event_to_sent_seconds_count', channel)).toBe(6);
    expect(sample(w, 'switchboard_workers_live')).toBe(1);
    expect(sample(w, 'switchboard_state_up')).toBe(1);
    expect(sample(w, 'switchboard_queue_jobs', { queue: 'message-deliver', state: 'created' })).toBe(0);
    expect(sample(w, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    // Recipients and message ids never become labels.
    expect(w).not.toMatch(/"r\d"/);
    for (const m of final) expect(w).not.toContain(m.id);
    expect(promtoolCheck(w)).toEqual({ status: 0, output: '' });

    // Inbound webhooks: one stored, its redelivery a duplicate, a bad signature refused before anything is stored.
    const hmacSecret = `hmac-${uniq()}${uniq()}`;
    const webhook = await makeTrigger((await makeWorkflow()).id, {
      type: 'webhook',
      config: {
        verification: { type: 'hmac', header: 'X-Signature', secret: hmacSecret },
        event_type: 'order.paid',
        delivery_id_header: 'X-Delivery',
      },
    } as never);
    const hookCall = (signature: string) =>
      call(hooks.POST, {
        method: 'POST',
        path: `/api/v1/hooks/${webhook.id}`,
        rawBody: '{"order":1}',
        headers: { 'x-signature': signature, 'x-delivery': 'd-1', 'content-type': 'application/json' },
        params: { trigger_id: webhook.id },
      });
    const signature = createHmac('sha256', hmacSecret).update('{"order":1}').digest('hex');
    expect((await hookCall(signature)).status).toBe(202);
    expect((await hookCall(signature)).status).toBe(200);
    expect((await hookCall('0'.repeat(64))).status).toBe(401);

    const web = await scrapeWeb();
    const fromHook = { source: 'webhook', trigger_id: webhook.id };
    expect(sample(web, 'switchboard_events_ingested_total', fromHook)).toBe(1);
    expect(sample(web, 'switchboard_events_duplicate_total', fromHook)).toBe(1);
    const hookRoute = { route: '/api/v1/hooks/[trigger_id]', method: 'POST' };
    expect(sample(web, 'switchboard_http_requests_total', { ...hookRoute, status_class: '2xx' })).toBe(2);
    expect(sample(web, 'switchboard_http_requests_total', { ...hookRoute, status_class: '4xx' })).toBe(1);
    expect(web).not.toContain(`/api/v1/hooks/${webhook.id}`);
    expect(sample(web, 'switchboard_events_ingested_total', { source: 'api', trigger_id: '' })).toBe(2);
    expect(sample(web, 'switchboard_events_invalid_total', { source: 'api', trigger_id: '' })).toBe(1);
    const post = { route: '/api/v1/events', method: 'POST' };
    expect(sample(web, 'switchboard_http_requests_total', { ...post, status_class: '2xx' })).toBe(1);
    expect(sample(web, 'switchboard_http_requests_total', { ...post, status_class: '4xx' })).toBe(1);
    expect(
      sample(web, 'switchboard_http_request_duration_seconds_count', { ...post, status_class: '2xx' }),
    ).toBe(1);
    expect(promtoolCheck(web)).toEqual({ status: 0, output: '' });

    // One warn line per delivery that did not go out, each with the ids of its path, the reason and the status.
    const lines = worker
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const failures = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('delivery '));
    expect(failures.map((l) => l.msg).sort()).toEqual([
      ...Array(2).fill('delivery dead'),
      ...Array(2).fill('delivery failed'),
      ...Array(4).fill('delivery retrying'),
    ]);
    const byMessage = new Map(final.map((m) => [m.id, m]));
    for (const line of failures) {
      const message = byMessage.get(line.messageId as string);
      expect(message, JSON.stringify(line)).toBeDefined();
      expect(line).toMatchObject({
        level: 40,
        requestId,
        eventId,
        runId: runs[0]!.run_id,
        channelId: hook.id,
        provider: 'webhook',
        outcome: (line.msg as string).slice('delivery '.length),
        providerStatus: message!.status === 'failed' ? 400 : 500,
      });
      expect(line.reason).toMatch(/HTTP (400|500)/);
    }
    expect(sink.requests.some((r) => r.headers.authorization === `Bearer ${secret}`)).toBe(true);
    expect(worker.output()).not.toContain(secret);
  }, 90_000);

  it('asks for METRICS_TOKEN on the web route and the worker port: 401 without it or with a wrong one', async () => {
    const worker = await startWorker();
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-of-some-length' },
      { authorization: TOKEN },
    ]) {
      const res = await fetch(`${worker.baseUrl}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const web = await call(metricsRoute.GET, { path: '/api/metrics', headers });
      expect(web.status).toBe(401);
      expect(web.headers.get('content-type')).toBe('application/problem+json');
      expect(((await web.json()) as { status: number }).status).toBe(401);
    }
    expect((await fetch(`${worker.baseUrl}/metrics`, { headers: bearer })).status).toBe(200);
    expect((await call(metricsRoute.GET, { path: '/api/metrics', headers: bearer })).status).toBe(200);
  }, 60_000);

  it("shows each read replica's state from the replica routing, named without credentials", async () => {
    configureReplicas({
      urls: ['postgres://reader:hunter2-password@127.0.0.1:1/replica_db'],
      maxLagSeconds: 10,
      checkIntervalMs: 100,
    });
    try {
      // The state is cached for 2 s between scrapes; the replica is down (nothing listens on port 1).
      const text = await waitFor(
        async () => {
          const t = await scrapeWeb();
          return sample(t, 'switchboard_db_replica_up', { replica: '127.0.0.1:1/replica_db' }) === 0
            ? t
            : undefined;
        },
        10_000,
        'the replica gauge',
      );
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('reader');
      expect(promtoolCheck(text).status).toBe(0);
    } finally {
      await stopReplicas();
    }
  }, 30_000);

  it('counts every message a rate limit held back, as many as the re-queued delivery jobs carry', async () => {
    sink.respondWith(() => ({ status: 200, body: '{}' }));
    const hook = await webhookChannel(`${sink.url}/limited`, { rate_limit: { per_second: 2 } });
    const eventType = `metrics.limited.${uniq()}`;
    const workflow = await apiWorkflow(eventType, [
      {
        type: 'send',
        channel_id: hook.id,
        to: "{{ data.recipients | join: ',' }}",
        template: { body: '{"to": "{{ recipient }}"}' },
      },
    ]);
    const worker = await startWorker();
    const recipients = Array.from({ length: 6 }, (_, i) => `l${i}`);
    expect((await postEvent({ event_type: eventType, data: { recipients } })).status).toBe(202);
    await waitFor(
      async () => (await messagesOfWorkflow(workflow.id)).every((m) => m.status === 'sent'),
      30_000,
      'all 6 sent',
    );
    // Every delivery job of the channel beyond the first carries messages that were held back.
    const { rows } = await db().$client.query<{ messages: number }>(
      `SELECT coalesce(sum(jsonb_array_length(data -> 'message_ids')), 0)::int AS messages
       FROM pgboss.job WHERE name = 'message-deliver' AND data ->> 'channel_id' = $1`,
      [hook.id],
    );
    const heldBack = rows[0]!.messages - recipients.length;
    expect(heldBack).toBeGreaterThan(0);
    const w = await scrapeWorker(worker);
    expect(sample(w, 'switchboard_rate_limit_waits_total', { channel_id: hook.id })).toBe(heldBack);
    expect(
      sample(w, 'switchboard_deliveries_total', {
        channel_id: hook.id,
        provider: 'webhook',
        outcome: 'sent',
      }),
    ).toBe(6);
  }, 60_000);

  it('reads consumer state and lag per trigger, leaving out consumers that stopped reporting', async () => {
    const trigger = await makeTrigger((await makeWorkflow()).id, {
      type: 'schedule',
      enabled: false,
      config: { cron: '0 0 1 1 *' },
    } as never);
    const now = new Date();
    await db()
      .insert(schema.consumerStatus)
      .values([
        { triggerId: trigger.id, workerId: 'w-a', state: 'running', lag: 5, updatedAt: now },
        { triggerId: trigger.id, workerId: 'w-b', state: 'running', lag: 7, updatedAt: now },
        { triggerId: trigger.id, workerId: 'w-c', state: 'error', lag: null, updatedAt: now },
        // Stale: its worker stopped reporting ten minutes ago.
        {
          triggerId: trigger.id,
          workerId: 'w-d',
          state: 'running',
          lag: 1000,
          updatedAt: new Date(Date.now() - 600_000),
        },
      ]);
    const labels = { trigger_id: trigger.id };
    const text = await waitFor(
      async () => {
        const t = await scrapeWeb();
        return sample(t, 'switchboard_consumer_lag_messages', labels) !== undefined ? t : undefined;
      },
      10_000,
      'the consumer gauges',
    );
    expect(sample(text, 'switchboard_consumer_lag_messages', labels)).toBe(12);
    expect(sample(text, 'switchboard_consumers', { ...labels, state: 'running' })).toBe(2);
    expect(sample(text, 'switchboard_consumers', { ...labels, state: 'error' })).toBe(1);
    expect(promtoolCheck(text).status).toBe(0);
  }, 30_000);

  it("counts what providers report after the send (Twilio's delivered and undelivered callbacks)", async () => {
    const twilio = await startTwilioFake();
    try {
      const channel = await twilioChannel(twilio);
      const eventType = `metrics.sms.${uniq()}`;
      const workflow = await apiWorkflow(eventType, [
        {
          type: 'send',
          channel_id: channel.id,
          to: "{{ data.phones | join: ',' }}",
          template: { body: 'Hi' },
        },
      ]);
      await startWorker();
      await postEvent({ event_type: eventType, data: { phones: ['+14155552671', '+14155552672'] } });
      const [first, second] = await waitFor(
        async () => {
          const rows = await messagesOfWorkflow(workflow.id);
          return rows.length === 2 && rows.every((m) => m.status === 'sent') ? rows : undefined;
        },
        30_000,
        'both SMS sent',
      );
      const report = async (sid: string, status: string) => {
        const params: Record<string, string> = { MessageSid: sid, MessageStatus: status, ErrorCode: '30005' };
        const signature = twilioSignature(twilio.authToken, statusHookUrl(channel.id), params);
        expect((await postStatusCallback(channel.id, params, signature)).status).toBe(200);
      };
      await report(first!.providerMessageId!, 'delivered');
      await report(second!.providerMessageId!, 'undelivered');
      const web = await scrapeWeb();
      expect(
        sample(web, 'switchboard_delivery_reports_total', { channel_id: channel.id, status: 'delivered' }),
      ).toBe(1);
      expect(
        sample(web, 'switchboard_delivery_reports_total', { channel_id: channel.id, status: 'failed' }),
      ).toBe(1);
      const route = { route: '/api/v1/hooks/status/[channel_id]', method: 'POST', status_class: '2xx' };
      expect(sample(web, 'switchboard_http_requests_total', route)).toBe(2);
    } finally {
      await twilio.close();
    }
  }, 60_000);
});
