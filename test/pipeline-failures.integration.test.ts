import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as retry from '../app/api/v1/messages/[id]/retry/route';
import * as redrive from '../app/api/v1/messages/redrive/route';
import { closeProviders } from '../lib/channels/registry';
import { schema } from '../lib/db';
import { call, makeApiKey } from './support/factories';
import { type HttpSink, startHttpSink } from './support/http-sink';
import {
  apiWorkflow,
  attemptsOf,
  messagesOfWorkflow,
  messagesWhere,
  postEvent,
  smtpChannel,
  startTestWorker,
  waitFor,
  webhookChannel,
} from './support/pipeline';
import { startSmtpSink } from './support/smtp-sink';

let sink: HttpSink;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
const fast = { retry_policy: { max_attempts: 8, base_delay_seconds: 1, max_delay_seconds: 8 } };

beforeAll(async () => {
  [sink, worker] = await Promise.all([startHttpSink(), startTestWorker()]);
  // Each test path answers by its own script: path → list of statuses, last one repeats.
  sink.respondWith((req) => {
    const script = scripts.get(req.path.split('?')[0]!) ?? [200];
    const seen = (counts.get(req.path) ?? 0) + 1;
    counts.set(req.path, seen);
    const status = script[Math.min(seen, script.length) - 1]!;
    const headers: Record<string, string> = status === 429 ? { 'retry-after': '2' } : {};
    return {
      status,
      headers,
      body: status >= 400 ? `{"error":"status ${status}"}` : '{"ok":true}',
    };
  });
});
afterAll(async () => {
  await worker?.stop();
  await sink?.close();
});

const scripts = new Map<string, number[]>();
const counts = new Map<string, number>();

async function oneMessageFlow(
  path: string,
  script: number[],
  channelExtra: Record<string, unknown> = fast,
  stepExtra: Record<string, unknown> = {},
) {
  scripts.set(path, script);
  const hook = await webhookChannel(`${sink.url}${path}`, channelExtra);
  const eventType = `evt${path.replaceAll('/', '.')}`;
  const workflow = await apiWorkflow(eventType, [
    { type: 'send', channel_id: hook.id, template: { body: '{"n": 1}' }, ...stepExtra },
  ]);
  await postEvent({ event_type: eventType, data: {} });
  return { hook, workflow };
}

const arrivals = (path: string) => sink.requests.filter((r) => r.path === path).map((r) => r.receivedAt);

describe('retries, dead letters and fallbacks', () => {
  it('500 three times, then 200: sent after 4 attempts with growing delays', async () => {
    const { workflow } = await oneMessageFlow('/flaky', [500, 500, 500, 200]);
    const [message] = await waitFor(
      async () => {
        const rows = await messagesOfWorkflow(workflow.id);
        return rows[0]?.status === 'sent' ? rows : undefined;
      },
      30_000,
      'sent after retries',
    );
    const attempts = await attemptsOf(message!.id);
    expect(attempts.map((a) => a.outcome)).toEqual([
      'retryable_error',
      'retryable_error',
      'retryable_error',
      'success',
    ]);
    expect(attempts.map((a) => a.responseCode)).toEqual([500, 500, 500, 200]);
    const times = arrivals('/flaky');
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Backoff 1 s, 2 s, 4 s with jitter in [half, full]: each gap at least half its step, and growing overall.
    expect(gaps[0]).toBeGreaterThanOrEqual(450);
    expect(gaps[1]).toBeGreaterThanOrEqual(950);
    expect(gaps[2]).toBeGreaterThanOrEqual(1950);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  }, 40_000);

  it('429 with Retry-After: 2 waits at least 2 s before the next attempt', async () => {
    const { workflow } = await oneMessageFlow('/throttled', [429, 200]);
    await waitFor(
      async () => (await messagesOfWorkflow(workflow.id))[0]?.status === 'sent',
      20_000,
      'sent after 429',
    );
    const [first, second] = arrivals('/throttled');
    expect(second! - first!).toBeGreaterThanOrEqual(2000);
  }, 30_000);

  it('400 fails at once with the reason, and the fallback channel delivers', async () => {
    scripts.set('/backup', [200]);
    const backup = await webhookChannel(`${sink.url}/backup`);
    const { workflow } = await oneMessageFlow('/rejects', [400], fast, { fallback_channel_id: backup.id });
    const rows = await waitFor(
      async () => {
        const all = await messagesOfWorkflow(workflow.id);
        return all.length === 2 && all.every((m) => ['sent', 'failed'].includes(m.status)) ? all : undefined;
      },
      20_000,
      'primary failed and fallback sent',
    );
    const primary = rows.find((m) => !m.fallbackOfId)!;
    const fallback = rows.find((m) => m.fallbackOfId)!;
    expect(primary.status).toBe('failed');
    expect(primary.attemptCount).toBe(1);
    expect(primary.lastError).toContain('400');
    expect(fallback.status).toBe('sent');
    expect(fallback.fallbackOfId).toBe(primary.id);
    expect(fallback.channelId).toBe(backup.id);
    expect(arrivals('/rejects')).toHaveLength(1);
    expect(arrivals('/backup')).toHaveLength(1);
  }, 30_000);

  it('always 503: dead after max attempts; re-driven after the sink recovers: sent', async () => {
    const { workflow, hook } = await oneMessageFlow('/down', [503], {
      retry_policy: { max_attempts: 3, base_delay_seconds: 1, max_delay_seconds: 2 },
    });
    const [dead] = await waitFor(
      async () => {
        const rows = await messagesOfWorkflow(workflow.id);
        return rows[0]?.status === 'dead' ? rows : undefined;
      },
      20_000,
      'dead',
    );
    expect(dead!.attemptCount).toBe(3);
    expect(arrivals('/down')).toHaveLength(3);

    scripts.set('/down', [200]);
    const { key } = await makeApiKey('admin');
    const res = await call(retry.POST, { method: 'POST', key, params: { id: dead!.id } });
    expect(res.status).toBe(202);
    await waitFor(
      async () => (await messagesOfWorkflow(workflow.id))[0]?.status === 'sent',
      15_000,
      'sent after re-drive',
    );
    expect((await attemptsOf(dead!.id)).map((a) => a.attempt)).toEqual([1, 2, 3, 4]);

    const again = await call(retry.POST, { method: 'POST', key, params: { id: dead!.id } });
    expect(again.status).toBe(409);
    expect(hook.id).toBeTruthy();
  }, 40_000);

  it('bulk re-drive by filter sends every dead message of a channel again', async () => {
    scripts.set('/bulk', [503]);
    const hook = await webhookChannel(`${sink.url}/bulk`, {
      retry_policy: { max_attempts: 1, base_delay_seconds: 1, max_delay_seconds: 1 },
    });
    const workflow = await apiWorkflow('bulk.evt', [
      { type: 'send', channel_id: hook.id, template: { body: '{"i": {{ data.i }}}' } },
    ]);
    for (let i = 0; i < 5; i++) await postEvent({ event_type: 'bulk.evt', data: { i } });
    await waitFor(
      async () => {
        const rows = await messagesOfWorkflow(workflow.id);
        return rows.length === 5 && rows.every((m) => m.status === 'dead');
      },
      20_000,
      'five dead',
    );
    scripts.set('/bulk', [200]);
    const { key } = await makeApiKey('admin');
    const res = await call(redrive.POST, {
      method: 'POST',
      key,
      body: { status: ['dead'], channel_id: hook.id },
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ redriven: 5 });
    await waitFor(
      async () =>
        (await messagesWhere(eq(schema.messages.channelId, hook.id))).every((m) => m.status === 'sent'),
      20_000,
      'all sent',
    );
  }, 40_000);

  it('SMTP server down: retrying, then sent once it is back', async () => {
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    const mail = await smtpChannel(port, fast);
    const workflow = await apiWorkflow('mail.later', [
      {
        type: 'send',
        channel_id: mail.id,
        to: 'ops@example.test',
        template: { subject: 'Later', body: 'Body' },
      },
    ]);
    await postEvent({ event_type: 'mail.later', data: {} });
    const [retrying] = await waitFor(
      async () => {
        const rows = await messagesOfWorkflow(workflow.id);
        return rows[0]?.status === 'retrying' ? rows : undefined;
      },
      15_000,
      'retrying',
    );
    expect(retrying!.lastError).toMatch(/ECONNREFUSED|refused|connect/i);
    const smtp = await startSmtpSink({ port });
    try {
      await waitFor(
        async () => (await messagesOfWorkflow(workflow.id))[0]?.status === 'sent',
        30_000,
        'sent after SMTP is back',
      );
      expect((await smtp.waitForMessages(1))[0]!.subject).toBe('Later');
    } finally {
      await closeProviders(); // pooled SMTP connections would keep the server's close() waiting
      await smtp.close();
    }
  }, 60_000);
});
