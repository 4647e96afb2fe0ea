import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailgunProvider } from '../../lib/channels/providers/mailgun';
import { type MailgunFake, signWebhook, startMailgunFake } from '../fakes/mailgun';
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
 * Mailgun through mailgun.js against the strict Mailgun fake (test/fakes/mailgun.ts): the multipart message as it
 * goes over the wire, stored templates and attachments, how refusals, 429, 5xx, a hang and an unreachable or
 * private endpoint are classified, the domain check, and signed webhooks.
 */

const send = providerSender(message);

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

describe('endpoints', () => {
  it('refuses a private endpoint that is not allow-listed, before any request', async () => {
    const error = await failure(
      send(mailgunProvider, {
        api_key: 'key-12345678',
        domain: 'mg.example.test',
        from: 'noreply@example.test',
        base_url: 'http://169.254.169.254',
      }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('refused to connect to 169.254.169.254');
  });
});
