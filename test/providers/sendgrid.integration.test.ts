import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendgridProvider } from '../../lib/channels/providers/sendgrid';
import { type SendgridFake, startSendgridFake } from '../fakes/sendgrid';
import {
  attachment,
  expectTimeout,
  inbound,
  emailMessage as message,
  PDF,
  postStatus,
} from '../support/email-providers';
import { uniq } from '../support/factories';
import { check, deadUrl, failure, type Json, providerSender, testSend } from '../support/provider-harness';

/*
 * SendGrid through @sendgrid/mail against the strict SendGrid fake (test/fakes/sendgrid.ts): Mail Send v3 as it
 * goes over the wire, dynamic templates and attachments, how refusals, 429, 5xx, a hang and an unreachable or
 * private endpoint are classified, the scope check, and signed Event Webhook requests.
 */

const send = providerSender(message);

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

describe('endpoints', () => {
  it('refuses a private endpoint that is not allow-listed, before any request', async () => {
    const error = await failure(
      send(sendgridProvider, {
        api_key: 'SG.abc.def',
        from: 'noreply@example.test',
        base_url: 'http://169.254.169.254',
      }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('refused to connect to 169.254.169.254');
  });
});
