import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sesProvider } from '../../lib/channels/providers/ses';
import { isProviderRateLimit } from '../../lib/delivery/provider-rate-limit';
import { type SesFake, startSesFake } from '../fakes/ses';
import { type SnsPublisher, startSnsPublisher } from '../fakes/ses-events';
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
 * Amazon SES through @aws-sdk/client-ses (the v1 query API) against the strict SES fake (test/fakes/ses.ts):
 * SendEmail, SendTemplatedEmail and SendRawEmail as they go over the wire (form fields, SigV4 scope), the
 * health check, how refusals, throttling, 5xx, a hang and an unreachable endpoint are classified, and SES events
 * arriving through SNS at the status hook.
 */

const send = providerSender(message);

/** The form fields of a query API call, as one object. */
function fields(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

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
    ses.setSendingEnabled(true);
  });

  it('sends subject, text and html with SendEmail, SigV4 for ses in the region; MessageId is the provider id', async () => {
    const msg = message();
    const result = await send(sesProvider, config(), msg);

    expect(ses.requests).toHaveLength(1);
    const [request] = ses.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/' });
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    expect(request!.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${ses.accessKeyId}/${today}/eu-west-1/ses/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(fields(request!.body)).toEqual({
      Action: 'SendEmail',
      Version: '2010-12-01',
      Source: 'Switchboard <noreply@example.test>',
      'Destination.ToAddresses.member.1': 'ann@example.test',
      'ReplyToAddresses.member.1': 'support@example.test',
      'Message.Subject.Data': msg.subject,
      'Message.Subject.Charset': 'UTF-8',
      'Message.Body.Text.Data': msg.body,
      'Message.Body.Text.Charset': 'UTF-8',
      'Message.Body.Html.Data': msg.html,
      'Message.Body.Html.Charset': 'UTF-8',
      'Tags.member.1.Name': 'switchboard_message_id',
      'Tags.member.1.Value': msg.id,
    });
    expect(result.providerMessageId).toBe(ses.sent[0]!.messageId);
    expect(result.responseCode).toBe(200);
    expect(result.request).toMatchObject({ action: 'SendEmail', to: ['ann@example.test'] });
    expect(JSON.stringify(result)).not.toContain(ses.secretAccessKey);
  });

  it('sends a template with its data through the configuration set with SendTemplatedEmail', async () => {
    const msg = message({ content: { template_id: 'welcome', dynamic_data: { name: 'Ann' } } });
    const result = await send(sesProvider, config({ configuration_set: 'transactional' }), msg);
    expect(ses.sent[0]!.action).toBe('SendTemplatedEmail');
    expect(Object.fromEntries(ses.sent[0]!.form)).toEqual({
      Action: 'SendTemplatedEmail',
      Version: '2010-12-01',
      Source: 'Switchboard <noreply@example.test>',
      'Destination.ToAddresses.member.1': 'ann@example.test',
      'ReplyToAddresses.member.1': 'support@example.test',
      Template: 'welcome',
      TemplateData: '{"name":"Ann"}',
      'Tags.member.1.Name': 'switchboard_message_id',
      'Tags.member.1.Value': msg.id,
      ConfigurationSetName: 'transactional',
    });
    expect(result.request).toMatchObject({ action: 'SendTemplatedEmail', template: 'welcome' });

    // The channel's default template, when the message names none.
    await send(sesProvider, config({ template_name: 'welcome' }));
    expect(ses.sent[1]!.form.get('Template')).toBe('welcome');

    const unknown = await failure(send(sesProvider, config({ template_name: 'nope' })));
    expect(unknown).toMatchObject({ kind: 'permanent', details: { responseCode: 400 } });
    expect(unknown.message).toBe(
      'SES rejected the mail (HTTP 400, TemplateDoesNotExist): Template nope does not exist.',
    );
    const missingSet = await failure(send(sesProvider, config({ configuration_set: 'nope' })));
    expect(missingSet).toMatchObject({ kind: 'permanent', details: { responseCode: 400 } });
    expect(missingSet.message).toBe(
      'SES rejected the mail (HTTP 400, ConfigurationSetDoesNotExist): Configuration set <nope> does not exist.',
    );
    const unverified = await failure(send(sesProvider, config({ from: 'someone@elsewhere.test' })));
    expect(unverified.message).toContain('MessageRejected): Email address is not verified');
  });

  it('sends attachments in a MIME message with SendRawEmail, through the configuration set', async () => {
    const msg = message({ content: { attachments: [attachment] } });
    const result = await send(sesProvider, config({ configuration_set: 'transactional' }), msg);

    expect(ses.requests).toHaveLength(1);
    const [sent] = ses.sent;
    const { 'RawMessage.Data': data, ...rest } = Object.fromEntries(sent!.form);
    expect(rest).toEqual({
      Action: 'SendRawEmail',
      Version: '2010-12-01',
      Source: 'Switchboard <noreply@example.test>',
      'Destinations.member.1': 'ann@example.test',
      'Tags.member.1.Name': 'switchboard_message_id',
      'Tags.member.1.Value': msg.id,
      ConfigurationSetName: 'transactional',
    });
    expect(Buffer.from(data!, 'base64').toString('utf8')).toBe(sent!.raw!.mime);
    const { mail } = sent!.raw!;
    expect(mail.from?.value).toEqual([{ name: 'Switchboard', address: 'noreply@example.test' }]);
    expect(mail.to).toMatchObject({ value: [{ name: 'Ann Example', address: 'ann@example.test' }] });
    expect(mail.replyTo).toMatchObject({ value: [{ address: 'support@example.test' }] });
    expect(mail.subject).toBe(msg.subject);
    expect(mail.text?.trim()).toBe(msg.body);
    expect(mail.html).toBe(msg.html);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'invoice.pdf', contentType: 'application/pdf' });
    expect(mail.attachments[0]!.content.equals(PDF)).toBe(true);
    expect(result.providerMessageId).toBe(sent!.messageId);
    expect(result.request).toMatchObject({ action: 'SendRawEmail', attachments: ['invoice.pdf'] });

    const exe = { filename: 'setup.exe', content_base64: PDF.toString('base64') };
    const refused = await failure(send(sesProvider, config(), message({ content: { attachments: [exe] } })));
    expect(refused).toMatchObject({ kind: 'permanent', details: { responseCode: 400 } });
    expect(refused.message).toBe(
      'SES rejected the mail (HTTP 400, MessageRejected): Unsupported attachment type: .exe',
    );
  });

  it('refuses, before calling SES, what its v1 API cannot send: a template with attachments, over 10 MB', async () => {
    const templated = await failure(
      send(
        sesProvider,
        config(),
        message({ content: { template_id: 'welcome', attachments: [attachment] } }),
      ),
    );
    expect(templated.kind).toBe('permanent');
    expect(templated.message).toContain('SES cannot attach files to a mail rendered from a stored template');
    // 8 MiB of bytes are about 10.8 MB once base64-encoded in the MIME message.
    const large = {
      filename: 'large.bin',
      content_base64: Buffer.alloc(8 * 1024 * 1024, 7).toString('base64'),
    };
    const tooLarge = await failure(
      send(sesProvider, config(), message({ content: { attachments: [large] } })),
    );
    expect(tooLarge.kind).toBe('permanent');
    expect(tooLarge.message).toMatch(
      /^the mail is \d+ bytes with its attachments; SES's v1 API takes at most 10485760/,
    );
    const empty = await failure(send(sesProvider, config(), message({ body: '', html: undefined })));
    expect(empty.message).toBe('the message has neither a text nor an html body');
    expect(ses.requests).toHaveLength(0);
  });

  it('classifies a wrong secret (signature mismatch) and a refused key as permanent', async () => {
    const wrongSecret = `wrong/${uniq()}/secret/key`;
    const error = await failure(send(sesProvider, config({ secret_access_key: wrongSecret })));
    expect(error).toMatchObject({ kind: 'permanent', details: { responseCode: 403 } });
    expect(error.message).toMatch(
      /^SES refused the credentials \(HTTP 403, SignatureDoesNotMatch\): The request signature we calculated/,
    );
    expect(JSON.stringify(error.details)).not.toContain(wrongSecret);

    const wrongRegion = await failure(send(sesProvider, config({ region: 'us-east-1' })));
    expect(wrongRegion.message).toContain('Credential should be scoped to a valid region');

    ses.setMode('unauthorized');
    const refused = await failure(send(sesProvider, config()));
    expect(refused.message).toBe(
      'SES refused the credentials (HTTP 403, InvalidClientTokenId): The security token included in the request is invalid.',
    );
  });

  it('a paused account refuses sends for good; the check says so', async () => {
    ses.setSendingEnabled(false);
    const paused = await failure(send(sesProvider, config()));
    expect(paused).toMatchObject({ kind: 'permanent', details: { responseCode: 400 } });
    expect(paused.message).toContain('AccountSendingPausedException');
    expect(await check(sesProvider, config())).toEqual({
      ok: false,
      detail: 'SES accepted the keys, but sending is paused for this account in eu-west-1',
    });
  });

  it('Throttling is a rate limit (after Retry-After when given) the SDK does not retry; 500, a dead endpoint and a hang are retried', async () => {
    ses.setMode('rate-limited', { retryAfter: '3' });
    const limited = await failure(send(sesProvider, config()));
    expect(limited).toMatchObject({
      kind: 'retryable',
      details: { responseCode: 400, retryAfterMs: 3000, rateLimited: true },
    });
    expect(limited.message).toBe('SES is unavailable (HTTP 400, Throttling): Maximum sending rate exceeded.');
    expect(isProviderRateLimit(limited)).toBe(true);
    expect(ses.requests).toHaveLength(1);

    // SES itself sends no Retry-After: the rate limit then waits the backoff delay.
    ses.setMode('rate-limited');
    const throttled = await failure(send(sesProvider, config()));
    expect(throttled.details).toMatchObject({ responseCode: 400, rateLimited: true });
    expect(throttled.details.retryAfterMs).toBeUndefined();
    expect(ses.requests).toHaveLength(2);

    ses.setMode('server-error');
    const unavailable = await failure(send(sesProvider, config()));
    expect(unavailable).toMatchObject({ kind: 'retryable', details: { responseCode: 500 } });
    expect(isProviderRateLimit(unavailable)).toBe(false);
    expect(ses.requests).toHaveLength(3);

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

  it('checks the quota and that sending is enabled, without sending', async () => {
    expect(await check(sesProvider, config())).toEqual({
      ok: true,
      detail: `authenticated with SES at ${ses.url} (eu-west-1); 0 of 200 sent in 24 h, 1/s`,
    });
    expect(ses.requests.map((r) => `${r.method} ${r.path} ${fields(r.body).Action}`)).toEqual([
      'POST / GetSendQuota',
      'POST / GetAccountSendingEnabled',
    ]);
    expect(ses.sent).toHaveLength(0);
    expect(await check(sesProvider, config({ secret_access_key: 'wrong/secret/key/123' }))).toMatchObject({
      ok: false,
      detail: expect.stringContaining('SignatureDoesNotMatch'),
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
    expect(sent!.action).toBe('SendEmail');
    expect(sent!.form.get('Destination.ToAddresses.member.1')).toBe('ops@example.test');
    expect(sent!.form.has('Destination.ToAddresses.member.2')).toBe(false);
    expect(sent!.form.get('Message.Subject.Data')).toBe('Switchboard test message');
  });

  it('refuses a private endpoint that is not allow-listed, before any request', async () => {
    const error = await failure(
      send(sesProvider, {
        region: 'eu-west-1',
        access_key_id: 'AKIAFAKESES0000TEST',
        secret_access_key: 'fake/ses/secret+key/0123456789',
        from: 'noreply@example.test',
        endpoint: 'http://169.254.169.254',
      }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('refused to connect to 169.254.169.254');
  });
});
