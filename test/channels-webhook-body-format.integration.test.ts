import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as channels from '../app/api/v1/channels/route';
import * as preview from '../app/api/v1/workflows/[key]/preview/route';
import * as workflowItem from '../app/api/v1/workflows/[key]/route';
import * as workflows from '../app/api/v1/workflows/route';
import { deliver } from '../lib/channels/deliver';
import { loadChannelForSend } from '../lib/channels/service';
import { DeliveryError, type OutgoingMessage } from '../lib/channels/types';
import { db, schema } from '../lib/db';
import { call, makeApiKey, uniq } from './support/factories';
import { type HttpSink, type SinkRequest, startHttpSink } from './support/http-sink';

// A webhook channel's body format (json, text, form): what the receiver gets, signed over the exact bytes; and
// a workflow whose body template cannot render to what its channel sends is refused at save and flagged in preview.

vi.hoisted(() => {
  process.env.OUTBOUND_ALLOWLIST = '127.0.0.1/32';
});

// biome-ignore lint/suspicious/noExplicitAny: assertions walk response JSON whose shape the test checks
type Json = Record<string, any>;

let key: string;
let sink: HttpSink;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  sink = await startHttpSink();
});
afterAll(() => sink.close());
beforeEach(() => {
  sink.requests.length = 0;
});

const secret = () => `whsec_${randomBytes(32).toString('base64')}`;

async function channel(config: Json): Promise<{ id: string; name: string }> {
  const name = `hook-${uniq()}`;
  const res = await call(channels.POST, {
    method: 'POST',
    key,
    body: { name, provider: 'webhook', config: { url: `${sink.url}/hooks`, ...config } },
  });
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return { id: body.id, name };
}

async function send(channelId: string, body: string): Promise<OutgoingMessage> {
  const id = randomUUID();
  const message = { id, idempotencyKey: `run:${id}`, to: '', body };
  await deliver(await loadChannelForSend(channelId), message, {
    signal: AbortSignal.timeout(5_000),
    timeoutMs: 5_000,
  });
  return message;
}

/** The Standard Webhooks signature recomputed over the bytes the receiver got. */
function expectSignedOver(received: SinkRequest, signingSecret: string, messageId: string): void {
  const timestamp = new Date(Number(received.headers['webhook-timestamp']) * 1000);
  expect(received.headers['webhook-id']).toBe(messageId);
  expect(received.headers['webhook-signature']).toBe(
    new Webhook(signingSecret).sign(messageId, timestamp, received.body),
  );
}

describe('webhook body formats', () => {
  it('json: sends the rendered JSON as application/json (the default, also for channels saved without one)', async () => {
    const signingSecret = secret();
    const hook = await channel({ signing_secret: signingSecret });
    const body = '{"user": "Ada", "n": 1}';
    const message = await send(hook.id, body);
    const [received] = sink.requests;
    expect(received!.headers['content-type']).toBe('application/json');
    expect(received!.body).toBe(body);
    expectSignedOver(received!, signingSecret, message.id);

    // A channel stored before body formats existed has no body_format: it stays JSON.
    await db()
      .update(schema.channels)
      .set({ config: sql`${schema.channels.config} - 'body_format'` })
      .where(eq(schema.channels.id, hook.id));
    await send(hook.id, body);
    expect(sink.requests[1]!.headers['content-type']).toBe('application/json');
    const refused = await send(hook.id, 'hello').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(sink.requests).toHaveLength(2);
  });

  it('text: sends the rendered body as is, text/plain in UTF-8, signed over it', async () => {
    const signingSecret = secret();
    const hook = await channel({ signing_secret: signingSecret, body_format: 'text' });
    const body = 'Order 42 paid: 12 € — thanks, Ada & co\n';
    const message = await send(hook.id, body);
    const [received] = sink.requests;
    expect(received!.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(received!.body).toBe(body);
    expect(Number(received!.headers['content-length'])).toBe(Buffer.byteLength(body));
    expectSignedOver(received!, signingSecret, message.id);
  });

  it('form: sends a rendered JSON object as form fields, signed over the encoded bytes', async () => {
    const signingSecret = secret();
    const hook = await channel({ signing_secret: signingSecret, body_format: 'form' });
    const message = await send(
      hook.id,
      '{"name": "Ada Lovelace", "amount": 12.5, "vip": true, "note": null, "tags": ["a", "b&c"], "q": "x=1&y=2"}',
    );
    const [received] = sink.requests;
    expect(received!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received!.body).toBe(
      'name=Ada+Lovelace&amount=12.5&vip=true&note=&tags=%5B%22a%22%2C%22b%26c%22%5D&q=x%3D1%26y%3D2',
    );
    expect(Object.fromEntries(new URLSearchParams(received!.body))).toEqual({
      name: 'Ada Lovelace',
      amount: '12.5',
      vip: 'true',
      note: '',
      tags: '["a","b&c"]',
      q: 'x=1&y=2',
    });
    expectSignedOver(received!, signingSecret, message.id);
  });

  it('form: refuses a body that is not a JSON object, permanently, sending nothing', async () => {
    const hook = await channel({ body_format: 'form' });
    for (const [body, reason] of [
      ['a=1&b=2', 'not JSON'],
      ['["a"]', 'not an array'],
    ] as const) {
      const error = (await send(hook.id, body).catch((e: unknown) => e)) as DeliveryError;
      expect(error).toBeInstanceOf(DeliveryError);
      expect(error.kind).toBe('permanent');
      expect(error.message).toContain(reason === 'not JSON' ? 'is not JSON' : 'an array');
    }
    expect(sink.requests).toHaveLength(0);
  });

  it('refuses an unknown body format', async () => {
    const res = await call(channels.POST, {
      method: 'POST',
      key,
      body: { name: `hook-${uniq()}`, provider: 'webhook', config: { url: sink.url, body_format: 'xml' } },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Json).errors[0].path).toBe('body.config.body_format');
  });
});

describe('body templates are checked against the channel body format', () => {
  const workflow = (channelId: string, body: string, name?: string) => ({
    key: `wf-${uniq()}`,
    name: 'Body check',
    steps: [
      { type: 'delay', seconds: 1 },
      { type: 'send', ...(name ? { name } : {}), channel_id: channelId, template: { body } },
    ],
  });
  const save = (body: unknown) => call(workflows.POST, { method: 'POST', key, body });

  it('refuses at save a template that cannot render to JSON for a json channel, naming the step and the error', async () => {
    const hook = await channel({});
    const res = await save(
      workflow(hook.id, '{"user": "{{ data.name }}" "plan": "{{ data.plan }}"}', 'notify'),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Json;
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0].path).toBe('body.steps.1.template.body');
    expect(problem.errors[0].message).toContain(
      `step 1 ("notify"): webhook channel "${hook.name}" sends json bodies`,
    );
    expect(problem.errors[0].message).toMatch(/the rendered body is not JSON: .*position \d+/);
    expect(problem.detail).toContain('steps.1.template.body');
  });

  it('accepts templates that render to JSON whatever the data, and anything for a text channel', async () => {
    const hook = await channel({});
    for (const body of [
      '{"user": {{ data.name | json }}, "n": {{ data.n }}, "s": "{{ data.s }}", "at": "{{ event.timestamp }}"}',
      '{"items": [{% for i in data.items %}{{ i.id }}{% unless forloop.last %},{% endunless %}{% endfor %}]}',
      '{"deep": "{{ data.a.b.c | upcase }}", "size": {{ data.list.size }}}',
    ]) {
      const res = await save(workflow(hook.id, body));
      expect(res.status, `${body}: ${await res.clone().text()}`).toBe(201);
    }
    const text = await channel({ body_format: 'text' });
    expect((await save(workflow(text.id, 'Hi {{ data.name }}'))).status).toBe(201);
  });

  it('refuses a form channel template that renders to something other than a JSON object, and on update too', async () => {
    const form = await channel({ body_format: 'form' });
    const created = await save(workflow(form.id, '{"name": "{{ data.name }}"}'));
    expect(created.status).toBe(201);
    const saved = (await created.json()) as Json;

    const res = await call(workflowItem.PATCH, {
      method: 'PATCH',
      key,
      params: { key: saved.key },
      body: { steps: workflow(form.id, 'name={{ data.name }}').steps },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Json).errors[0]).toMatchObject({
      path: 'body.steps.1.template.body',
      message: expect.stringContaining(
        'sends form bodies, but for a sample event the rendered body is not JSON',
      ),
    });
    expect((await save(workflow(form.id, '[{{ data.n }}]'))).status).toBe(422);
  });

  it('preview names a body that does not render to JSON with the given data', async () => {
    const hook = await channel({});
    // Valid for data of some shapes (a number), not for others (a string): only the data can tell.
    const created = await save(workflow(hook.id, '{"n": {{ data.n }}}'));
    expect(created.status).toBe(201);
    const { key: workflowKey } = (await created.json()) as Json;
    const run = async (data: Json) => {
      const res = await call(preview.POST, {
        method: 'POST',
        key,
        params: { key: workflowKey },
        body: { data },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as Json).steps[1].messages[0];
    };

    expect(await run({ n: 5 })).toEqual({ recipient: '', subject: null, body: '{"n": 5}', html: null });
    const bad = await run({ n: 'five' });
    expect(bad.body).toBe('{"n": five}');
    expect(bad.error).toMatch(
      new RegExp(
        `^step 1: webhook channel "${hook.name}" sends json bodies, but the rendered body is not JSON: `,
      ),
    );
    expect(sink.requests).toHaveLength(0);
  });
});
