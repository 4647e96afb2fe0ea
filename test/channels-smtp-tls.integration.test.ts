import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as health from '../app/api/v1/channels/[id]/health/route';
import * as collection from '../app/api/v1/channels/route';
import { closeProviders } from '../lib/channels/registry';
import type { OutgoingMessage } from '../lib/channels/types';
import { call, makeApiKey, uniq } from './support/factories';
// The harness also allow-lists 127.0.0.1, where the sinks listen, for the SSRF guard.
import { channelSender, failure, type Json } from './support/provider-harness';
import { selfSignedCertificate } from './support/self-signed-cert';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';

// SMTP over TLS against real smtp-server instances with a certificate made for this run: implicit TLS (465 style),
// STARTTLS (587 style, required by the channel), and a server without STARTTLS that a channel requiring it refuses.

const USER = 'mailer';
const PASS = 'correct-smtp-password';

let key: string;
let certificate: { key: string; cert: string };
let implicit: SmtpSink;
let starttls: SmtpSink;
let plain: SmtpSink;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  certificate = selfSignedCertificate();
  implicit = await startSmtpSink({ tls: { ...certificate, implicit: true } });
  starttls = await startSmtpSink({
    tls: { ...certificate, implicit: false },
    auth: { user: USER, pass: PASS },
  });
  plain = await startSmtpSink();
});
afterAll(async () => {
  await closeProviders();
  await Promise.all([implicit.close(), starttls.close(), plain.close()]);
});

async function channel(sink: SmtpSink, config: Json): Promise<string> {
  const res = await call(collection.POST, {
    method: 'POST',
    key,
    body: {
      name: `mail-tls-${uniq()}`,
      provider: 'smtp',
      config: {
        host: sink.host,
        port: sink.port,
        from: 'Switchboard <noreply@example.test>',
        timeout_seconds: 5,
        ...config,
      },
    },
  });
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

function mail(): OutgoingMessage {
  const id = randomUUID();
  return {
    id,
    idempotencyKey: `run:${id}`,
    to: 'ann@example.test',
    subject: `TLS ${id.slice(0, 8)}`,
    body: 'sent over TLS',
  };
}

const send = channelSender(mail, 10_000);

describe('smtp over TLS', () => {
  it('sends over implicit TLS to a server whose CA the channel trusts, and checks healthy', async () => {
    const id = await channel(implicit, { secure: 'tls', ca: certificate.cert });
    const message = mail();
    const before = implicit.messages.length;

    const result = await send(id, message);

    const [received] = (await implicit.waitForMessages(before + 1)).slice(before);
    expect(received!.subject).toBe(message.subject);
    expect(received!.messageId).toBe(`<${message.id}@example.test>`);
    expect(result.responseCode).toBe(250);
    expect(implicit.transport[before]).toEqual({
      secure: true,
      protocol: expect.stringMatching(/^TLSv1\.[23]$/),
    });

    const checked = (await (await call(health.GET, { key, params: { id } })).json()) as Json;
    expect(checked.ok, checked.detail).toBe(true);
  });

  it('upgrades with STARTTLS before authenticating, when the channel requires it', async () => {
    const id = await channel(starttls, {
      secure: 'starttls',
      ca: certificate.cert,
      username: USER,
      password: PASS,
    });
    const before = starttls.messages.length;

    await send(id);

    await starttls.waitForMessages(before + 1);
    expect(starttls.transport[before]).toEqual({
      secure: true,
      protocol: expect.stringMatching(/^TLSv1\.[23]$/),
    });
  });

  it('verifies the certificate: without the CA, neither TLS mode sends anything', async () => {
    const before = [implicit.messages.length, starttls.messages.length];
    for (const [sink, secure] of [
      [implicit, 'tls'],
      [starttls, 'starttls'],
    ] as const) {
      const id = await channel(sink, {
        secure,
        ...(sink === starttls ? { username: USER, password: PASS } : {}),
      });
      const error = await failure(send(id));
      expect(error.kind).toBe('permanent');
      expect(error.message).toMatch(/^TLS with the SMTP server failed: .*self[- ]signed certificate/);
    }
    expect([implicit.messages.length, starttls.messages.length]).toEqual(before);
  });

  it('refuses to send in the clear to a server that offers no STARTTLS when the channel requires it', async () => {
    const id = await channel(plain, { secure: 'starttls', ca: certificate.cert });
    const before = plain.messages.length;

    const error = await failure(send(id));

    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(
      /^the SMTP server does not accept STARTTLS \(.*\), and this channel requires it/,
    );
    expect(plain.messages.length).toBe(before);

    // The same server takes the mail from a channel that allows plain text: the refusal was the channel's.
    await send(await channel(plain, { secure: 'none' }));
    expect(plain.transport.at(-1)).toEqual({ secure: false, protocol: null });
  });

  it('refuses a CA that is not a PEM certificate', async () => {
    const res = await call(collection.POST, {
      method: 'POST',
      key,
      body: {
        name: `mail-tls-${uniq()}`,
        provider: 'smtp',
        config: { host: implicit.host, from: 'noreply@example.test', ca: 'not a certificate' },
      },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Json).errors).toEqual([
      expect.objectContaining({
        path: 'body.config.ca',
        message: expect.stringContaining('PEM certificate'),
      }),
    ]);
  });
});
