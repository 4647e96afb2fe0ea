import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as statusHook from '../app/api/v1/hooks/status/[channel_id]/route';
import { mailgunProvider } from '../lib/channels/providers/mailgun';
import { sendgridProvider } from '../lib/channels/providers/sendgrid';
import { sesProvider } from '../lib/channels/providers/ses';
import type { InboundRequest, OutgoingMessage } from '../lib/channels/types';
import { type MailgunFake, signWebhook, startMailgunFake } from './fakes/mailgun';
import { type SendgridFake, startSendgridFake } from './fakes/sendgrid';
import { type SesFake, type SnsPublisher, startSesFake, startSnsPublisher } from './fakes/ses';
import { call, uniq } from './support/factories';
import {
  check,
  deadUrl,
  failure,
  type Json,
  newChannel,
  providerSender,
  testSend,
} from './support/provider-harness';

const PDF = Buffer.from('%PDF-1.4\n\x00\x01\x02\xff\xfe binary bytes\n', 'latin1');

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const id = randomUUID();
  return {
    id,
    idempotencyKey: `run:${id}`,
    to: 'Ann Example <ann@example.test>',
    subject: `Welcome ${id.slice(0, 8)}`,
    body: 'Hello Ann,\nwelcome aboard.',
    html: '<p>Hello <b>Ann</b>, welcome aboard.</p>',
    ...overrides,
  };
}

const send = providerSender(message);

/** A hanging provider must turn into a retryable timeout within the attempt's budget. */
async function expectTimeout(promise: Promise<unknown>, budgetMs: number, text: string): Promise<void> {
  const started = performance.now();
  const error = await failure(promise);
  expect(error.kind).toBe('retryable');
  expect(error.message).toContain(text);
  expect(performance.now() - started).toBeLessThan(budgetMs + 2_000);
}

/** Creates the channel and posts `rawBody` to its status hook, POST /api/v1/hooks/status/:channel_id. */
async function postStatus(
  provider: string,
  config: Json,
  rawBody: string,
  headers: Record<string, string> = {},
) {
  const channelId = await newChannel(provider, config);
  return call(statusHook.POST, { method: 'POST', params: { channel_id: channelId }, rawBody, headers });
}

function inbound(rawBody: string, headers: Record<string, string> = {}): InboundRequest {
  return {
    method: 'POST',
    url: 'http://localhost/api/v1/hooks/status/ch',
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    rawBody,
  };
}

const attachment = {
  filename: 'invoice.pdf',
  content_base64: PDF.toString('base64'),
  content_type: 'application/pdf',
};

describe('sendgrid', () => {
  let sendgrid: SendgridFake;
  const config = (extra: Json = {}) => ({
    api_key: sendgrid.apiKey,
    from: 'Switchboard <noreply@example.test>',
    reply_to: 'Support <support@example.test>',
    categories: ['onboarding', 'transactional'],
    base_url: sendgrid.url,
    ...extra,
  });

  beforeAll(async () => {
    sendgrid = await startSendgridFake();
  });
  afterAll(() => sendgrid.close());
  beforeEach(() => {
    sendgrid.requests.length = 0;
    sendgrid.sent.length = 0;
    sendgrid.setMode('ok');
    sendgrid.setScopes(['mail.send', 'scopes.read']);
  });

  it('sends subject, text, html, reply-to and categories with Mail Send v3; X-Message-Id is the id', async () => {
    const msg = message();
    const result = await send(sendgridProvider, config(), msg);

    expect(sendgrid.requests).toHaveLength(1);
    const [request] = sendgrid.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v3/mail/send' });
    expect(request!.headers.authorization).toBe(`Bearer ${sendgrid.apiKey}`);
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request!.body)).toEqual({
      from: { email: 'noreply@example.test', name: 'Switchboard' },
      reply_to: { email: 'support@example.test', name: 'Support' },
      subject: msg.subject,
      personalizations: [{ to: [{ email: 'ann@example.test', name: 'Ann Example' }] }],
      content: [
        { type: 'text/plain', value: msg.body },
        { type: 'text/html', value: msg.html },
      ],
      categories: ['onboarding', 'transactional'],
      custom_args: { switchboard_message_id: msg.id },
    });
    const [sent] = sendgrid.sent;
    expect(result.providerMessageId).toBe(sent!.messageId);
    expect(result.responseCode).toBe(202);
    expect(result.request).toMatchObject({ url: `${sendgrid.url}/v3/mail/send`, to: ['ann@example.test'] });
    expect(JSON.stringify(result)).not.toContain(sendgrid.apiKey);
  });

  it('sends a dynamic template with its data and attachments instead of content', async () => {
    const templateId = `d-${'0123456789abcdef'.repeat(2)}`;
    const msg = message({
      content: {
        template_id: templateId,
        dynamic_data: { name: 'Ann "A"', plan: 'pro' },
        attachments: [attachment],
      },
    });
    await send(sendgridProvider, config({ categories: undefined }), msg);

    const body = JSON.parse(sendgrid.requests[0]!.body);
    expect(body.template_id).toBe(templateId);
    expect(body.personalizations).toEqual([
      {
        to: [{ email: 'ann@example.test', name: 'Ann Example' }],
        dynamic_template_data: { name: 'Ann "A"', plan: 'pro' },
      },
    ]);
    expect(body.content).toBeUndefined();
    expect(body.subject).toBeUndefined();
    expect(body.categories).toBeUndefined();
    expect(body.attachments).toEqual([
      {
        content: PDF.toString('base64'),
        filename: 'invoice.pdf',
        type: 'application/pdf',
        disposition: 'attachment',
      },
    ]);
  });

  it('uses the channel’s default template; refuses malformed content before calling SendGrid', async () => {
    const templateId = `d-${'a'.repeat(32)}`;
    await send(sendgridProvider, config({ template_id: templateId }));
    expect(JSON.parse(sendgrid.requests[0]!.body).template_id).toBe(templateId);

    const bad = await failure(
      send(
        sendgridProvider,
        config(),
        message({ content: { attachments: [{ filename: 'x', content_base64: 'not base64!' }] } }),
      ),
    );
    expect(bad.kind).toBe('permanent');
    expect(bad.message).toContain('content.attachments.0.content_base64');
    const legacy = await failure(
      send(sendgridProvider, config(), message({ content: { template_id: 'legacy-1' } })),
    );
    expect(legacy.message).toContain('not a dynamic template');
    const invalid = await failure(send(sendgridProvider, config(), message({ to: 'not-an-address' })));
    expect(invalid).toMatchObject({
      kind: 'permanent',
      message: 'invalid recipient address: not-an-address',
    });
    expect(sendgrid.requests).toHaveLength(1);
  });

  it('classifies a refused key as permanent with SendGrid’s reason, never showing the key', async () => {
    const wrongKey = `SG.${uniq()}wrong.${uniq()}key`;
    const error = await failure(send(sendgridProvider, config({ api_key: wrongKey })));
    expect(error.kind).toBe('permanent');
    expect(error.details.responseCode).toBe(401);
    expect(error.message).toBe(
      'SendGrid refused the API key (HTTP 401): The provided authorization grant is invalid, expired, or revoked',
    );
    expect(JSON.stringify(error.details)).not.toContain(wrongKey);

    sendgrid.setScopes(['scopes.read']);
    const forbidden = await failure(send(sendgridProvider, config()));
    expect(forbidden).toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining('HTTP 403): access forbidden'),
    });
  });

  it('retries 429 after Retry-After (or X-RateLimit-Reset), 500, a dead endpoint and a hang', async () => {
    sendgrid.setMode('rate-limited', { retryAfter: '7' });
    const limited = await failure(send(sendgridProvider, config()));
    expect(limited).toMatchObject({ kind: 'retryable', details: { responseCode: 429, retryAfterMs: 7000 } });
    expect(limited.message).toContain('too many requests');

    sendgrid.setMode('rate-limited');
    const reset = await failure(send(sendgridProvider, config()));
    expect(reset.details.retryAfterMs).toBeGreaterThan(55_000);
    expect(reset.details.retryAfterMs).toBeLessThanOrEqual(60_000);

    sendgrid.setMode('server-error');
    const down = await failure(send(sendgridProvider, config()));
    expect(down).toMatchObject({ kind: 'retryable', details: { responseCode: 500 } });

    const refused = await failure(send(sendgridProvider, config({ base_url: await deadUrl() })));
    expect(refused.kind).toBe('retryable');
    expect(refused.message).toContain('ECONNREFUSED');

    sendgrid.setMode('hang');
    await expectTimeout(
      send(sendgridProvider, config(), message(), 1_000),
      1_000,
      'SendGrid did not answer within 1000 ms',
    );
  });

  it('checks the key’s scopes without sending', async () => {
    expect(await check(sendgridProvider, config())).toEqual({
      ok: true,
      detail: `SendGrid at ${sendgrid.url} accepted the API key; it has mail.send`,
    });
    expect(sendgrid.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v3/scopes']);

    sendgrid.setScopes(['scopes.read']);
    expect(await check(sendgridProvider, config())).toMatchObject({
      ok: false,
      detail: expect.stringContaining('lacks the mail.send'),
    });
    expect(await check(sendgridProvider, config({ api_key: 'SG.wrong.key' }))).toMatchObject({
      ok: false,
      detail: expect.stringContaining('HTTP 401'),
    });
    expect(sendgrid.sent).toHaveLength(0);
  });

  it('verifies signed Event Webhook requests and maps the events', async () => {
    const parsed = sendgridProvider.configSchema.parse(
      config({ event_webhook_public_key: sendgrid.publicKey }),
    );
    const payload = `${JSON.stringify([
      {
        email: 'ann@example.test',
        event: 'processed',
        sg_message_id: 'abcDEF123.filter0001.1.2.0',
        timestamp: 1700000000,
      },
      {
        email: 'ann@example.test',
        event: 'delivered',
        sg_message_id: 'abcDEF123.filter0001.1.2.0',
        timestamp: 1700000001,
        response: '250 OK',
      },
      {
        email: 'ann@example.test',
        event: 'open',
        sg_message_id: 'abcDEF123.filter0001.1.2.0',
        timestamp: 1700000002,
      },
      {
        email: 'ann@example.test',
        event: 'click',
        sg_message_id: 'abcDEF123.filter0001.1.2.0',
        timestamp: 1700000003,
        url: 'https://x.test/a',
      },
      {
        email: 'bob@example.test',
        event: 'bounce',
        sg_message_id: 'xyz789.filter0002.1.2.0',
        timestamp: 1700000004,
        type: 'bounce',
        reason: '550 5.1.1 no such user',
      },
      {
        email: 'eve@example.test',
        event: 'dropped',
        sg_message_id: 'qqq.filter0003',
        timestamp: 1700000005,
        reason: 'Bounced Address',
      },
    ])}\r\n`;
    const { signature, timestamp } = sendgrid.signEvents(payload);
    const headers = {
      'X-Twilio-Email-Event-Webhook-Signature': signature,
      'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
    };
    const hook = sendgridProvider.statusWebhook!;

    expect(await hook.verify(inbound(payload, headers), parsed)).toBe(true);
    expect(await hook.verify(inbound(payload.replace('550', '250'), headers), parsed)).toBe(false);
    expect(
      await hook.verify(
        inbound(payload, {
          ...headers,
          'X-Twilio-Email-Event-Webhook-Timestamp': String(Number(timestamp) + 1),
        }),
        parsed,
      ),
    ).toBe(false);
    expect(
      await hook.verify(
        inbound(payload, { ...headers, 'X-Twilio-Email-Event-Webhook-Signature': 'bm90IGEgc2lnbmF0dXJl' }),
        parsed,
      ),
    ).toBe(false);
    expect(await hook.verify(inbound(payload), parsed)).toBe(false);
    const other = await startSendgridFake();
    await other.close();
    expect(
      await hook.verify(inbound(payload, headers), { ...parsed, event_webhook_public_key: other.publicKey }),
    ).toBe(false);
    expect(
      await hook.verify(inbound(payload, headers), { ...parsed, event_webhook_public_key: undefined }),
    ).toBe(false);

    expect(await hook.parse(inbound(payload, headers), parsed)).toEqual([
      {
        provider_message_id: 'abcDEF123',
        event: 'processed',
        effect: 'info',
        occurred_at: '2023-11-14T22:13:20.000Z',
      },
      {
        provider_message_id: 'abcDEF123',
        event: 'delivered',
        effect: 'delivered',
        occurred_at: '2023-11-14T22:13:21.000Z',
        detail: '250 OK',
      },
      {
        provider_message_id: 'abcDEF123',
        event: 'open',
        effect: 'opened',
        occurred_at: '2023-11-14T22:13:22.000Z',
      },
      {
        provider_message_id: 'abcDEF123',
        event: 'click',
        effect: 'clicked',
        occurred_at: '2023-11-14T22:13:23.000Z',
        detail: 'https://x.test/a',
      },
      {
        provider_message_id: 'xyz789',
        event: 'bounce',
        effect: 'bounced',
        occurred_at: '2023-11-14T22:13:24.000Z',
        detail: 'bounce: 550 5.1.1 no such user',
      },
      {
        provider_message_id: 'qqq',
        event: 'dropped',
        effect: 'bounced',
        occurred_at: '2023-11-14T22:13:25.000Z',
        detail: 'Bounced Address',
      },
    ]);
  });

  it('accepts a request signed by SendGrid itself (the SDK’s published test vector)', async () => {
    const publicKey =
      'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==';
    const payload = `${JSON.stringify([
      {
        email: 'hello@world.com',
        event: 'dropped',
        reason: 'Bounced Address',
        sg_event_id: 'ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA',
        sg_message_id: 'LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0',
        'smtp-id': '<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>',
        timestamp: 1600112492,
      },
    ])}\r\n`;
    const request = inbound(payload, {
      'X-Twilio-Email-Event-Webhook-Signature':
        'MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=',
      'X-Twilio-Email-Event-Webhook-Timestamp': '1600112502',
    });
    const parsed = sendgridProvider.configSchema.parse(config({ event_webhook_public_key: publicKey }));
    expect(await sendgridProvider.statusWebhook!.verify(request, parsed)).toBe(true);
    expect((await sendgridProvider.statusWebhook!.parse(request, parsed))[0]).toMatchObject({
      provider_message_id: 'LRzXl_NHStOGhQ4kofSm_A',
      effect: 'bounced',
    });
  });

  it('takes signed events at the status hook and refuses forged ones', async () => {
    const payload = JSON.stringify([
      { event: 'delivered', sg_message_id: 'neverSent1.filter', timestamp: 1700000000 },
    ]);
    const { signature, timestamp } = sendgrid.signEvents(payload);
    const headers = {
      'x-twilio-email-event-webhook-signature': signature,
      'x-twilio-email-event-webhook-timestamp': timestamp,
    };
    const withKey = config({ event_webhook_public_key: sendgrid.publicKey });
    const ok = await postStatus('sendgrid', withKey, payload, headers);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ applied: 0, unknown: 1 });
    const forged = await postStatus('sendgrid', withKey, payload.replace('delivered', 'bounce'), headers);
    expect(forged.status).toBe(401);
  });

  it('sends a test mail through the channel test route', async () => {
    const body = await testSend('sendgrid', config(), { to: 'ops@example.test' });
    const [sent] = sendgrid.sent;
    expect(body).toMatchObject({ ok: true, provider_message_id: sent!.messageId });
    expect(sent!.body.personalizations[0].to).toEqual([{ email: 'ops@example.test' }]);
    expect(sent!.body.subject).toBe('Switchboard test message');
  });
});

describe('mailgun', () => {
  let mailgun: MailgunFake;
  const signingKey = `key-${uniq()}${uniq()}`;
  const config = (extra: Json = {}) => ({
    api_key: mailgun.apiKey,
    domain: mailgun.domain,
    from: 'Switchboard <noreply@mg.example.test>',
    reply_to: 'support@example.test',
    tags: ['onboarding', 'transactional'],
    base_url: mailgun.url,
    ...extra,
  });

  beforeAll(async () => {
    mailgun = await startMailgunFake({ templates: ['welcome'] });
  });
  afterAll(() => mailgun.close());
  beforeEach(() => {
    mailgun.requests.length = 0;
    mailgun.sent.length = 0;
    mailgun.setMode('ok');
    mailgun.setDomainState('active');
  });

  it('posts subject, text, html, reply-to and tags as multipart; the id without brackets is the provider id', async () => {
    const msg = message({ to: 'Ann Example <ann@example.test>, bob@example.test' });
    const result = await send(mailgunProvider, config(), msg);

    expect(mailgun.requests).toHaveLength(1);
    const [request] = mailgun.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v3/mg.example.test/messages' });
    expect(request!.headers.authorization).toBe(
      `Basic ${Buffer.from(`api:${mailgun.apiKey}`).toString('base64')}`,
    );
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const [sent] = mailgun.sent;
    const form = sent!.form;
    expect(form.get('from')).toBe('Switchboard <noreply@mg.example.test>');
    expect(form.getAll('to')).toEqual(['"Ann Example" <ann@example.test>', 'bob@example.test']);
    expect(form.get('subject')).toBe(msg.subject);
    expect(form.get('text')).toBe(msg.body);
    expect(form.get('html')).toBe(msg.html);
    expect(form.get('h:Reply-To')).toBe('support@example.test');
    expect(form.getAll('o:tag')).toEqual(['onboarding', 'transactional']);
    expect(form.get('v:switchboard-message-id')).toBe(msg.id);
    expect(form.has('template')).toBe(false);
    expect(result.providerMessageId).toBe(sent!.id.slice(1, -1));
    expect(result.response).toEqual({
      status: 200,
      id: sent!.id.slice(1, -1),
      message: 'Queued. Thank you.',
    });
  });

  it('sends a stored template with t:variables and binary attachments', async () => {
    const msg = message({
      content: { template_id: 'welcome', dynamic_data: { name: 'Ann', n: 3 }, attachments: [attachment] },
    });
    await send(mailgunProvider, config({ tags: undefined }), msg);

    const form = mailgun.sent[0]!.form;
    expect(form.get('template')).toBe('welcome');
    expect(JSON.parse(String(form.get('t:variables')))).toEqual({ name: 'Ann', n: 3 });
    expect(form.get('subject')).toBe(msg.subject);
    expect(form.has('text')).toBe(false);
    expect(form.has('html')).toBe(false);
    expect(form.has('o:tag')).toBe(false);
    const file = form.get('attachment') as File;
    expect(file.name).toBe('invoice.pdf');
    expect(file.type).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);

    // The channel's default template, and a template Mailgun does not know (a permanent 400).
    await send(mailgunProvider, config({ template: 'welcome' }));
    expect(mailgun.sent[1]!.form.get('template')).toBe('welcome');
    const unknown = await failure(send(mailgunProvider, config({ template: 'nope' })));
    expect(unknown).toMatchObject({ kind: 'permanent', details: { responseCode: 400 } });
    expect(unknown.message).toBe("Mailgun rejected the request (HTTP 400): template 'nope' not found");
  });

  it('classifies a refused key and an unknown domain as permanent with Mailgun’s reason', async () => {
    const wrongKey = `${uniq()}wrong${uniq()}`;
    const error = await failure(send(mailgunProvider, config({ api_key: wrongKey })));
    expect(error).toMatchObject({ kind: 'permanent', details: { responseCode: 401 } });
    expect(error.message).toBe('Mailgun refused the API key (HTTP 401): Forbidden');
    expect(JSON.stringify(error.details)).not.toContain(wrongKey);

    const domain = await failure(send(mailgunProvider, config({ domain: 'other.example.test' })));
    expect(domain.message).toBe(
      'Mailgun rejected the request (HTTP 404): Domain not found: other.example.test',
    );
  });

  it('retries 429, 500, a dead endpoint and a hang', async () => {
    mailgun.setMode('rate-limited', { retryAfter: '7' });
    const limited = await failure(send(mailgunProvider, config()));
    expect(limited).toMatchObject({ kind: 'retryable', details: { responseCode: 429 } });
    expect(limited.message).toContain('Too many requests');
    // mailgun.js drops response headers from its errors: Retry-After cannot be read, the channel's backoff applies.
    expect(limited.details.retryAfterMs).toBeUndefined();

    mailgun.setMode('server-error');
    expect(await failure(send(mailgunProvider, config()))).toMatchObject({
      kind: 'retryable',
      details: { responseCode: 500 },
    });

    const refused = await failure(send(mailgunProvider, config({ base_url: await deadUrl() })));
    expect(refused.kind).toBe('retryable');
    expect(refused.message).toContain('ECONNREFUSED');

    mailgun.setMode('hang');
    await expectTimeout(
      send(mailgunProvider, config(), message(), 1_000),
      1_000,
      'Mailgun did not answer within 1000 ms',
    );
  });

  it('checks the key and the domain without sending', async () => {
    expect(await check(mailgunProvider, config())).toEqual({
      ok: true,
      detail: `Mailgun at ${mailgun.url} accepted the key; domain mg.example.test is active`,
    });
    expect(mailgun.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v4/domains/mg.example.test']);

    mailgun.setDomainState('unverified');
    expect(await check(mailgunProvider, config())).toMatchObject({
      ok: false,
      detail: expect.stringContaining('is unverified'),
    });
    expect(await check(mailgunProvider, config({ api_key: 'wrong-key-123' }))).toMatchObject({
      ok: false,
      detail: expect.stringContaining('HTTP 401'),
    });
    expect(mailgun.sent).toHaveLength(0);
  });

  it('verifies webhook signatures and maps the events', async () => {
    const parsed = mailgunProvider.configSchema.parse(config({ webhook_signing_key: signingKey }));
    const hook = mailgunProvider.statusWebhook!;
    const event = (data: Json) =>
      signWebhook(
        {
          timestamp: 1700000000.5,
          message: { headers: { 'message-id': '20240101.abc@mg.example.test' } },
          ...data,
        },
        signingKey,
      );

    const delivered = event({ event: 'delivered', 'delivery-status': { message: 'OK', code: 250 } });
    expect(await hook.verify(inbound(delivered), parsed)).toBe(true);
    expect(await hook.parse(inbound(delivered), parsed)).toEqual([
      {
        provider_message_id: '20240101.abc@mg.example.test',
        event: 'delivered',
        effect: 'delivered',
        occurred_at: '2023-11-14T22:13:20.500Z',
        detail: 'OK',
      },
    ]);

    // Mailgun signs only timestamp + token: a captured signature is good once, and only while fresh.
    expect(await hook.verify(inbound(delivered), parsed)).toBe(false);
    const stale = signWebhook(
      { event: 'delivered' },
      signingKey,
      String(Math.floor(Date.now() / 1000) - 3600),
    );
    expect(await hook.verify(inbound(stale), parsed)).toBe(false);
    // A forged body, a signature made with another key, a missing signature, a channel without a key.
    expect(await hook.verify(inbound(delivered.replace('"delivered"', '"failed"')), parsed)).toBe(false);
    expect(
      await hook.verify(inbound(signWebhook({ event: 'delivered' }, 'another-signing-key')), parsed),
    ).toBe(false);
    expect(await hook.verify(inbound(JSON.stringify({ 'event-data': { event: 'delivered' } })), parsed)).toBe(
      false,
    );
    expect(await hook.verify(inbound('not json'), parsed)).toBe(false);
    expect(await hook.verify(inbound(delivered), { ...parsed, webhook_signing_key: undefined })).toBe(false);

    const effects = await Promise.all(
      [
        {
          event: 'failed',
          severity: 'permanent',
          reason: 'bounce',
          'delivery-status': { message: '550 no such user' },
        },
        { event: 'failed', severity: 'temporary', reason: 'generic' },
        { event: 'opened' },
        { event: 'clicked', url: 'https://x.test/a' },
        { event: 'rejected' },
        { event: 'complained' },
      ].map(async (data) => (await hook.parse(inbound(event(data)), parsed))[0]),
    );
    expect(effects.map((e) => [e!.event, e!.effect, e!.detail])).toEqual([
      ['failed', 'bounced', 'permanent: bounce: 550 no such user'],
      ['failed', 'info', 'temporary: generic'],
      ['opened', 'opened', undefined],
      ['clicked', 'clicked', 'https://x.test/a'],
      ['rejected', 'failed', undefined],
      ['complained', 'info', undefined],
    ]);
  });

  it('takes signed events at the status hook and refuses forged ones', async () => {
    const withKey = config({ webhook_signing_key: signingKey });
    const body = signWebhook(
      { event: 'delivered', message: { headers: { 'message-id': 'never@sent' } } },
      signingKey,
    );
    const ok = await postStatus('mailgun', withKey, body);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ applied: 0, unknown: 1 });
    const forged = signWebhook({ event: 'delivered' }, 'not-the-signing-key');
    expect((await postStatus('mailgun', withKey, forged)).status).toBe(401);
  });

  it('sends a test mail through the channel test route', async () => {
    const body = await testSend('mailgun', config(), { to: 'ops@example.test' });
    const [sent] = mailgun.sent;
    expect(body).toMatchObject({ ok: true, provider_message_id: sent!.id.slice(1, -1) });
    expect(sent!.form.getAll('to')).toEqual(['ops@example.test']);
    expect(sent!.form.get('subject')).toBe('Switchboard test message');
  });
});

describe('ses', () => {
  let ses: SesFake;
  let sns: SnsPublisher;
  const config = (extra: Json = {}) => ({
    region: 'eu-west-1',
    access_key_id: ses.accessKeyId,
    secret_access_key: ses.secretAccessKey,
    from: 'Switchboard <noreply@example.test>',
    reply_to: 'support@example.test',
    endpoint: ses.url,
    ...extra,
  });

  beforeAll(async () => {
    [ses, sns] = await Promise.all([
      startSesFake({ templates: ['welcome'], configurationSets: ['transactional'] }),
      startSnsPublisher(),
    ]);
  });
  afterAll(() => Promise.all([ses.close(), sns.close()]));
  beforeEach(() => {
    ses.requests.length = 0;
    ses.sent.length = 0;
    ses.setMode('ok');
  });

  it('sends Simple content with SigV4 for ses in the region; MessageId is the provider id', async () => {
    const msg = message();
    const result = await send(sesProvider, config(), msg);

    expect(ses.requests).toHaveLength(1);
    const [request] = ses.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/email/outbound-emails' });
    expect(request!.headers['content-type']).toBe('application/json');
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    expect(request!.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${ses.accessKeyId}/${today}/eu-west-1/ses/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(JSON.parse(request!.body)).toEqual({
      FromEmailAddress: 'Switchboard <noreply@example.test>',
      Destination: { ToAddresses: ['ann@example.test'] },
      ReplyToAddresses: ['support@example.test'],
      Content: {
        Simple: {
          Subject: { Data: msg.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: msg.body, Charset: 'UTF-8' }, Html: { Data: msg.html, Charset: 'UTF-8' } },
        },
      },
      EmailTags: [{ Name: 'switchboard_message_id', Value: msg.id }],
    });
    expect(result.providerMessageId).toBe(ses.sent[0]!.messageId);
    expect(result.responseCode).toBe(200);
    expect(JSON.stringify(result)).not.toContain(ses.secretAccessKey);
  });

  it('sends a template with its data through the configuration set, with attachments', async () => {
    const msg = message({
      content: { template_id: 'welcome', dynamic_data: { name: 'Ann' }, attachments: [attachment] },
    });
    await send(sesProvider, config({ configuration_set: 'transactional' }), msg);
    const body = ses.sent[0]!.body;
    expect(body.ConfigurationSetName).toBe('transactional');
    expect(body.Content).toEqual({
      Template: {
        TemplateName: 'welcome',
        TemplateData: '{"name":"Ann"}',
        Attachments: [
          {
            FileName: 'invoice.pdf',
            RawContent: PDF.toString('base64'),
            ContentDisposition: 'ATTACHMENT',
            ContentType: 'application/pdf',
          },
        ],
      },
    });

    const missingSet = await failure(send(sesProvider, config({ configuration_set: 'nope' })));
    expect(missingSet).toMatchObject({ kind: 'permanent', details: { responseCode: 404 } });
    expect(missingSet.message).toBe(
      'SES rejected the mail (HTTP 404, NotFoundException): Configuration set <nope> does not exist.',
    );
    const unverified = await failure(send(sesProvider, config({ from: 'someone@elsewhere.test' })));
    expect(unverified.message).toContain('MessageRejected): Email address is not verified');
  });

  it('classifies a wrong secret (signature mismatch) and a refused key as permanent', async () => {
    const wrongSecret = `wrong/${uniq()}/secret/key`;
    const error = await failure(send(sesProvider, config({ secret_access_key: wrongSecret })));
    expect(error).toMatchObject({ kind: 'permanent', details: { responseCode: 403 } });
    expect(error.message).toMatch(
      /^SES refused the credentials \(HTTP 403, InvalidSignatureException\): The request signature we calculated/,
    );
    expect(JSON.stringify(error.details)).not.toContain(wrongSecret);

    const wrongRegion = await failure(send(sesProvider, config({ region: 'us-east-1' })));
    expect(wrongRegion.message).toContain('Credential should be scoped to a valid region');

    ses.setMode('unauthorized');
    const refused = await failure(send(sesProvider, config()));
    expect(refused.message).toBe(
      'SES refused the credentials (HTTP 403, UnrecognizedClientException): The security token included in the request is invalid.',
    );
  });

  it('retries 429 after Retry-After, 500, a dead endpoint and a hang', async () => {
    ses.setMode('rate-limited', { retryAfter: '3' });
    const limited = await failure(send(sesProvider, config()));
    expect(limited).toMatchObject({ kind: 'retryable', details: { responseCode: 429, retryAfterMs: 3000 } });
    expect(limited.message).toContain('TooManyRequestsException');

    ses.setMode('server-error');
    expect(await failure(send(sesProvider, config()))).toMatchObject({
      kind: 'retryable',
      details: { responseCode: 500 },
    });

    const refused = await failure(send(sesProvider, config({ endpoint: await deadUrl() })));
    expect(refused.kind).toBe('retryable');
    expect(refused.message).toContain('ECONNREFUSED');

    ses.setMode('hang');
    await expectTimeout(
      send(sesProvider, config(), message(), 1_000),
      1_000,
      'SES did not answer within 1000 ms',
    );
  });

  it('checks the account with GetAccount without sending', async () => {
    expect(await check(sesProvider, config())).toEqual({
      ok: true,
      detail: `authenticated with SES at ${ses.url} (eu-west-1); sandbox: only verified recipients receive mail; 0 of 200 sent in 24 h, 1/s`,
    });
    expect(ses.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/email/account']);
    expect(await check(sesProvider, config({ secret_access_key: 'wrong/secret/key/123' }))).toMatchObject({
      ok: false,
      detail: expect.stringContaining('InvalidSignatureException'),
    });
  });

  describe('events through SNS', () => {
    const hookConfig = (extra: Json = {}) =>
      sesProvider.configSchema.parse(
        config({
          sns_topic_arn: sns.topicArn,
          sns_certificate_host: sns.host,
          sns_certificate_ca: sns.ca,
          ...extra,
        }),
      );
    const hook = () => sesProvider.statusWebhook!;
    const sesEvent = (eventType: string, extra: Json = {}) => ({
      eventType,
      mail: {
        messageId: '0102019abc-ses-id',
        timestamp: '2024-01-01T00:00:00.000Z',
        destination: ['ann@example.test'],
      },
      ...extra,
    });

    it('confirms a signed subscription by visiting SubscribeURL; ignores a forged one', async () => {
      const confirmation = sns.subscriptionConfirmation();
      const response = await hook().handshake!(inbound(JSON.stringify(confirmation)), hookConfig());
      expect(response?.status).toBe(200);
      expect(await response!.json()).toEqual({ confirmed: true, topic_arn: sns.topicArn });
      expect(sns.confirmed).toEqual([confirmation.Token]);

      const forged = { ...sns.subscriptionConfirmation(), Message: 'tampered' };
      expect(await hook().handshake!(inbound(JSON.stringify(forged)), hookConfig())).toBeUndefined();
      expect(await hook().verify(inbound(JSON.stringify(forged)), hookConfig())).toBe(false);
      expect(sns.confirmed).toHaveLength(1);

      const notification = sns.notification(sesEvent('Delivery'));
      expect(await hook().handshake!(inbound(JSON.stringify(notification)), hookConfig())).toBeUndefined();
    });

    it('confirms the subscription and takes notifications at the status hook', async () => {
      const channelConfig = config({
        sns_topic_arn: sns.topicArn,
        sns_certificate_host: sns.host,
        sns_certificate_ca: sns.ca,
      });
      const headers = {
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': 'SubscriptionConfirmation',
      };
      const confirmation = sns.subscriptionConfirmation();
      const confirmed = await postStatus('ses', channelConfig, JSON.stringify(confirmation), headers);
      expect(confirmed.status).toBe(200);
      expect(sns.confirmed).toContain(confirmation.Token);

      const notification = JSON.stringify(sns.notification(sesEvent('Delivery')));
      const ok = await postStatus('ses', channelConfig, notification, {
        ...headers,
        'x-amz-sns-message-type': 'Notification',
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ applied: 0, unknown: 1 });
      const forged = notification.replace('Delivery', 'Bounce');
      expect((await postStatus('ses', channelConfig, forged, headers)).status).toBe(401);
    });

    it('verifies notifications (signature versions 1 and 2) and maps SES events', async () => {
      const events = [
        sesEvent('Delivery', {
          delivery: { timestamp: '2024-01-01T00:00:05.000Z', smtpResponse: '250 2.0.0 OK' },
        }),
        sesEvent('Bounce', {
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            timestamp: '2024-01-01T00:00:06.000Z',
            bouncedRecipients: [
              { emailAddress: 'ann@example.test', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
            ],
          },
        }),
        sesEvent('Open', { open: { timestamp: '2024-01-01T00:00:07.000Z' } }),
        sesEvent('Click', { click: { timestamp: '2024-01-01T00:00:08.000Z', link: 'https://x.test/a' } }),
        sesEvent('Complaint', {
          complaint: { timestamp: '2024-01-01T00:00:09.000Z', complaintFeedbackType: 'abuse' },
        }),
        sesEvent('Reject', { reject: { reason: 'Bad content' } }),
      ];
      const mapped = [];
      for (const [i, event] of events.entries()) {
        const body = JSON.stringify(sns.notification(event, { signatureVersion: i % 2 ? '2' : '1' }));
        expect(await hook().verify(inbound(body), hookConfig())).toBe(true);
        mapped.push(...(await hook().parse(inbound(body), hookConfig())));
      }
      expect(mapped.map(({ event, effect, detail }) => [event, effect, detail])).toEqual([
        ['Delivery', 'delivered', '250 2.0.0 OK'],
        ['Bounce', 'bounced', 'Permanent/General: smtp; 550 5.1.1 user unknown'],
        ['Open', 'opened', undefined],
        ['Click', 'clicked', 'https://x.test/a'],
        ['Complaint', 'info', 'abuse'],
        ['Reject', 'failed', 'Bad content'],
      ]);
      expect(mapped[0]).toMatchObject({
        provider_message_id: '0102019abc-ses-id',
        occurred_at: '2024-01-01T00:00:05.000Z',
      });
      // The signing certificate is fetched once and cached.
      expect(sns.certificateFetches).toBe(1);
    });

    it('refuses tampered messages, untrusted certificate URLs and other topics', async () => {
      const signed = sns.notification(sesEvent('Delivery'));
      const verify = (body: Json, extra: Json = {}) =>
        hook().verify(inbound(JSON.stringify(body)), hookConfig(extra));

      expect(await verify(signed)).toBe(true);
      expect(await verify({ ...signed, Message: JSON.stringify(sesEvent('Bounce')) })).toBe(false);
      expect(await verify({ ...signed, Signature: Buffer.alloc(256).toString('base64') })).toBe(false);
      // The certificate must come over https from the configured host; the default is sns.<region>.amazonaws.com.
      expect(
        await verify({ ...signed, SigningCertURL: signed.SigningCertURL!.replace('https:', 'http:') }),
      ).toBe(false);
      expect(await verify(signed, { sns_certificate_host: undefined })).toBe(false);
      expect(await verify(signed, { sns_certificate_ca: undefined })).toBe(false);
      expect(await verify(signed, { sns_topic_arn: 'arn:aws:sns:eu-west-1:123456789012:other' })).toBe(false);
      expect(await verify({ ...signed, SignatureVersion: '3' })).toBe(false);
      expect(await hook().verify(inbound('{"Type":"Notification"}'), hookConfig())).toBe(false);
    });
  });

  it('sends a test mail through the channel test route', async () => {
    const body = await testSend('ses', config(), { to: 'ops@example.test' });
    const [sent] = ses.sent;
    expect(body).toMatchObject({ ok: true, provider_message_id: sent!.messageId });
    expect(sent!.body.Destination).toEqual({ ToAddresses: ['ops@example.test'] });
    expect(sent!.body.Content.Simple.Subject.Data).toBe('Switchboard test message');
  });
});

describe('endpoints', () => {
  it('refuses a private endpoint that is not allow-listed, before any request', async () => {
    const metadata = 'http://169.254.169.254';
    const from = 'noreply@example.test';
    const attempts = [
      send(sendgridProvider, { api_key: 'SG.abc.def', from, base_url: metadata }),
      send(mailgunProvider, { api_key: 'key-12345678', domain: 'mg.example.test', from, base_url: metadata }),
      send(sesProvider, {
        region: 'eu-west-1',
        access_key_id: 'AKIAFAKESES0000TEST',
        secret_access_key: 'fake/ses/secret+key/0123456789',
        from,
        endpoint: metadata,
      }),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt);
      expect(error.kind).toBe('permanent');
      expect(error.message).toContain('refused to connect to 169.254.169.254');
    }
  });
});
