import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getChannelRow } from '../lib/channels/service';
import { decryptSecret } from '../lib/crypto/secret-box';
import { db, schema } from '../lib/db';
import { deliverBatch } from '../lib/delivery/deliver-batch';
import { type HttpSink, startHttpSink } from './support/http-sink';
import {
  apiWorkflow,
  attemptsOf,
  messagesOfWorkflow,
  postEvent,
  smtpChannel,
  startTestWorker,
  waitFor,
  webhookChannel,
} from './support/pipeline';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';

let sink: HttpSink;
let smtp: SmtpSink;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  [sink, smtp, worker] = await Promise.all([startHttpSink(), startSmtpSink(), startTestWorker()]);
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([sink?.close(), smtp?.close()]);
});

const final = (statuses: string[]) => (rows: { status: string }[]) =>
  rows.length > 0 && rows.every((r) => statuses.includes(r.status));

describe('event → workflow → webhook and SMTP', () => {
  it('delivers a signed webhook and a rendered mail; both end sent', async () => {
    const hook = await webhookChannel(`${sink.url}/hooks/orders`);
    const mail = await smtpChannel(smtp.port);
    const workflow = await apiWorkflow('user.created', [
      {
        type: 'send',
        channel_id: hook.id,
        template: { body: '{"user": "{{ data.name }}", "plan": "{{ data.plan }}"}' },
      },
      {
        type: 'send',
        channel_id: mail.id,
        to: '{{ data.email }}',
        template: {
          subject: 'Welcome, {{ data.name }}!',
          body: 'Hello {{ data.name }}, you are on {{ data.plan }}.',
          html: '<p>Hello <b>{{ data.name }}</b></p>',
        },
      },
    ]);
    const before = sink.requests.length;
    const res = await postEvent({
      event_type: 'user.created',
      data: { name: 'Ada', plan: 'pro', email: 'ada@example.test' },
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { event_id: string; runs: { workflow_id: string }[] };
    expect(accepted.runs.map((r) => r.workflow_id)).toEqual([workflow.id]);

    const messages = await waitFor(async () => {
      const rows = await messagesOfWorkflow(workflow.id);
      return rows.length === 2 && final(['sent', 'failed', 'dead'])(rows) ? rows : undefined;
    });
    expect(messages.map((m) => m.status)).toEqual(['sent', 'sent']);

    const request = sink.requests.slice(before).find((r) => r.path === '/hooks/orders')!;
    expect(JSON.parse(request.body)).toEqual({ user: 'Ada', plan: 'pro' });
    const row = await getChannelRow(hook.id);
    const secret = decryptSecret((row.config as { signing_secret: string }).signing_secret);
    const verified = new Webhook(secret).verify(request.body, {
      'webhook-id': request.headers['webhook-id']!,
      'webhook-timestamp': request.headers['webhook-timestamp']!,
      'webhook-signature': request.headers['webhook-signature']!,
    });
    expect(verified).toEqual({ user: 'Ada', plan: 'pro' });
    const hookMessage = messages.find((m) => m.channelId === hook.id)!;
    expect(request.headers['webhook-id']).toBe(hookMessage.id);

    const [parsed] = await smtp.waitForMessages(1);
    expect(parsed!.subject).toBe('Welcome, Ada!');
    expect(parsed!.text?.trim()).toBe('Hello Ada, you are on pro.');
    expect(parsed!.html).toContain('<b>Ada</b>');
    expect((parsed!.to as { text: string }).text).toBe('ada@example.test');
    expect(await attemptsOf(hookMessage.id)).toHaveLength(1);
  });

  it('an event no trigger matches starts nothing', async () => {
    const res = await postEvent({ event_type: `nobody.listens.${Date.now()}`, data: {} });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { runs: unknown[] }).runs).toEqual([]);
  });

  it('the same Idempotency-Key twice gives one event and one message; a different body with it is refused', async () => {
    const hook = await webhookChannel(`${sink.url}/idem`);
    const workflow = await apiWorkflow('order.paid', [
      { type: 'send', channel_id: hook.id, template: { body: '{"order": {{ data.id }}}' } },
    ]);
    const key = `order-${Date.now()}`;
    const first = await postEvent({ event_type: 'order.paid', data: { id: 7 } }, key);
    const second = await postEvent({ event_type: 'order.paid', data: { id: 7 } }, key);
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = (await Promise.all([first.json(), second.json()])) as {
      event_id: string;
      runs: unknown[];
    }[];
    expect(b!.event_id).toBe(a!.event_id);
    expect(b!.runs).toEqual(a!.runs);
    const events = await db()
      .select()
      .from(schema.events)
      .where(eq(schema.events.sourceId, `idempotency-key:${key}`));
    expect(events).toHaveLength(1);
    await waitFor(async () => final(['sent'])(await messagesOfWorkflow(workflow.id)));
    expect(await messagesOfWorkflow(workflow.id)).toHaveLength(1);

    const conflicting = await postEvent({ event_type: 'order.paid', data: { id: 8 } }, key);
    expect(conflicting.status).toBe(422);
  });

  it('a delivery job run again for a sent message sends nothing', async () => {
    const hook = await webhookChannel(`${sink.url}/once`);
    const workflow = await apiWorkflow('once.only', [
      { type: 'send', channel_id: hook.id, template: { body: '{}' } },
    ]);
    await postEvent({ event_type: 'once.only', data: {} });
    const [message] = await waitFor(async () => {
      const rows = await messagesOfWorkflow(workflow.id);
      return final(['sent'])(rows) ? rows : undefined;
    });
    const count = () => sink.requests.filter((r) => r.path === '/once').length;
    expect(count()).toBe(1);
    const repeat = () => ({
      id: randomUUID(),
      retryCount: 0,
      data: { channel_id: message!.channelId, message_ids: [message!.id] },
    });
    await deliverBatch([repeat()], worker.deps);
    await deliverBatch([repeat(), repeat()], worker.deps);
    expect(count()).toBe(1);
  });

  it('a template with a missing variable fails the message, naming the variable', async () => {
    const hook = await webhookChannel(`${sink.url}/tpl`);
    const workflow = await apiWorkflow('tpl.broken', [
      { type: 'send', channel_id: hook.id, template: { body: '{"hi":\n"{{ data.missing_name }}"}' } },
    ]);
    await postEvent({ event_type: 'tpl.broken', data: { name: 'x' } });
    const [message] = await waitFor(async () => {
      const rows = await messagesOfWorkflow(workflow.id);
      return final(['failed'])(rows) ? rows : undefined;
    });
    expect(message!.lastError).toContain('data.missing_name');
    expect(message!.lastError).toContain('line:2');
    expect(sink.requests.filter((r) => r.path === '/tpl')).toHaveLength(0);
  });

  it('a condition step skips the steps after it when its filter does not match', async () => {
    const hook = await webhookChannel(`${sink.url}/cond`);
    const workflow = await apiWorkflow('cond.check', [
      { type: 'condition', filter: { 'data.plan': { $in: ['pro', 'team'] } } },
      { type: 'send', channel_id: hook.id, template: { body: '{"plan": "{{ data.plan }}"}' } },
    ]);
    await postEvent({ event_type: 'cond.check', data: { plan: 'free' } });
    await postEvent({ event_type: 'cond.check', data: { plan: 'team' } });
    await waitFor(async () => (await messagesOfWorkflow(workflow.id)).some((m) => m.status === 'sent'));
    const runs = await waitFor(async () => {
      const rows = await db()
        .select()
        .from(schema.workflowRuns)
        .where(eq(schema.workflowRuns.workflowId, workflow.id));
      return rows.length === 2 && rows.every((r) => r.status === 'completed') ? rows : undefined;
    });
    expect(runs).toHaveLength(2);
    const bodies = sink.requests.filter((r) => r.path === '/cond').map((r) => JSON.parse(r.body));
    expect(bodies).toEqual([{ plan: 'team' }]);
  });
});
