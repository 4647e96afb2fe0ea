import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as health from '../app/api/v1/channels/[id]/health/route';
import * as item from '../app/api/v1/channels/[id]/route';
import * as test from '../app/api/v1/channels/[id]/test/route';
import * as collection from '../app/api/v1/channels/route';
import { closeProviders } from '../lib/channels/registry';
import type { OutgoingMessage } from '../lib/channels/types';
import { call, makeApiKey, uniq } from './support/factories';
// The harness also allow-lists 127.0.0.1, where the sinks listen, for the SSRF guard.
import { channelSender, failure, type Json } from './support/provider-harness';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';

const USER = 'mailer';
const PASS = 'correct-smtp-password';

let key: string;
let sink: SmtpSink;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  sink = await startSmtpSink({ auth: { user: USER, pass: PASS } });
});
afterAll(async () => {
  await closeProviders();
  await sink.close();
});

async function channel(config: Json = {}): Promise<string> {
  const res = await call(collection.POST, {
    method: 'POST',
    key,
    body: {
      name: `mail-${uniq()}`,
      provider: 'smtp',
      config: {
        host: sink.host,
        port: sink.port,
        secure: 'none',
        username: USER,
        password: PASS,
        from: 'Switchboard <noreply@example.test>',
        reply_to: 'support@example.test',
        timeout_seconds: 5,
        ...config,
      },
    },
  });
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

function mail(to = 'Ann Example <ann@example.test>'): OutgoingMessage {
  const id = randomUUID();
  return {
    id,
    idempotencyKey: `run:${id}`,
    to,
    subject: `Welcome ${id.slice(0, 8)}`,
    body: 'Hello Ann,\nwelcome aboard.',
    html: '<p>Hello <b>Ann</b>, welcome aboard.</p>',
  };
}

const send = channelSender(mail, 10_000);

describe('smtp provider', () => {
  it('sends subject, text, html and from over an authenticated connection', async () => {
    const id = await channel();
    const message = mail();
    const before = sink.messages.length;

    const result = await send(id, message);

    const [received] = (await sink.waitForMessages(before + 1)).slice(before);
    expect(received!.subject).toBe(message.subject);
    expect(received!.text?.trim()).toBe(message.body);
    expect(received!.html).toContain('<b>Ann</b>');
    expect(received!.from?.value).toEqual([{ address: 'noreply@example.test', name: 'Switchboard' }]);
    expect(received!.replyTo?.value[0]?.address).toBe('support@example.test');
    expect(received!.messageId).toBe(`<${message.id}@example.test>`);
    expect(result.providerMessageId).toBe(`<${message.id}@example.test>`);
    expect(result.responseCode).toBe(250);
  });

  it('reuses the pool for throughput and replaces it when the config changes', async () => {
    const id = await channel({ password: 'wrong-password' });
    const refused = await failure(send(id));
    expect(refused.kind).toBe('permanent');
    expect(refused.details.responseCode).toBe(535);
    expect(refused.message).toContain('535');
    expect(refused.message).not.toContain('wrong-password');

    const res = await call(item.PATCH, {
      method: 'PATCH',
      key,
      params: { id },
      body: { config: { ...(await configOf(id)), password: PASS } },
    });
    expect(res.status).toBe(200);
    const before = sink.messages.length;
    await Promise.all([send(id), send(id), send(id)]);
    expect((await sink.waitForMessages(before + 3)).length).toBe(before + 3);
  });

  it('classifies an invalid recipient as permanent and a server that is down as retryable', async () => {
    const id = await channel();
    const invalid = await failure(send(id, mail('not-an-address')));
    expect(invalid.kind).toBe('permanent');
    expect(invalid.message).toContain('invalid recipient');

    const down = await startSmtpSink();
    await down.close();
    const downId = await channel({ port: down.port });
    const error = await failure(send(downId));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('smtp test and health routes', () => {
  it('sends a test mail to the given recipient; requires one', async () => {
    const id = await channel();
    const before = sink.messages.length;
    const res = await call(test.POST, {
      method: 'POST',
      key,
      params: { id },
      body: { to: 'ops@example.test' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ ok: true, provider_message_id: expect.stringMatching(/@example\.test>$/) });
    const [received] = (await sink.waitForMessages(before + 1)).slice(before);
    expect(received!.subject).toBe('Switchboard test message');
    expect(received!.text).toContain('channel "mail-');
    expect(received!.to).toMatchObject({ value: [{ address: 'ops@example.test' }] });

    const missing = await call(test.POST, { method: 'POST', key, params: { id }, body: {} });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as Json).errors[0].path).toBe('body.to');
  });

  it('answers a failing test mail with ok: false', async () => {
    const id = await channel({ password: 'wrong-password' });
    const res = await call(test.POST, {
      method: 'POST',
      key,
      params: { id },
      body: { to: 'ops@example.test' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining('535'),
    });
  });

  it('checks connection and credentials without sending', async () => {
    const id = await channel();
    const before = sink.messages.length;
    const ok = (await (await call(health.GET, { key, params: { id } })).json()) as Json;
    expect(ok).toMatchObject({
      ok: true,
      detail: `connected to 127.0.0.1:${sink.port} and authenticated as ${USER}`,
    });

    const badId = await channel({ password: 'wrong-password' });
    const bad = (await (await call(health.GET, { key, params: { id: badId } })).json()) as Json;
    expect(bad.ok).toBe(false);
    expect(bad.detail).toContain('535');
    expect(sink.messages.length).toBe(before);
  });
});

async function configOf(id: string): Promise<Json> {
  const res = await call(item.GET, { key, params: { id } });
  return ((await res.json()) as Json).config;
}
