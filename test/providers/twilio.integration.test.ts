import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioProvider } from '../../lib/channels/providers/twilio';
import type { TwilioConfig } from '../../lib/channels/providers/twilio/config';
import { closeProviders } from '../../lib/channels/registry';
import { loadChannelForSend } from '../../lib/channels/service';
import { startTwilioFake, type TwilioFake } from '../fakes/twilio';
import {
  failure,
  getHealth,
  type Json,
  newChannel,
  postTest,
  sendContext,
} from '../support/provider-harness';
import { expectHttpFailures, HOOK_URL, inbound, sendSms as send, sms, TO } from '../support/sms-providers';
import { twilioSignature } from '../support/twilio-status';

/*
 * Twilio through the twilio SDK (over the guarded HTTP client) against the strict Twilio fake
 * (test/fakes/twilio.ts): the Messages request as it goes over the wire, how refusals, 429, 5xx and a hang are
 * classified, the account check, status polls and signed status callbacks.
 */

let twilio: TwilioFake;

beforeAll(async () => {
  twilio = await startTwilioFake();
});
afterAll(async () => {
  await closeProviders();
  await twilio.close();
});
beforeEach(() => {
  twilio.setMode('ok');
  twilio.requests.length = 0;
});

describe('twilio', () => {
  const config = (extra: Json = {}): Json => ({
    account_sid: twilio.accountSid,
    auth_token: twilio.authToken,
    from: '+14155550100',
    base_url: twilio.url,
    ...extra,
  });

  it('creates a Message with Basic AccountSid:AuthToken and form-encoded To, From, Body and StatusCallback', async () => {
    const id = await newChannel('twilio', config({ status_callback_url: HOOK_URL }));
    const message = sms('+1 (415) 555-2671', 'Hi Ann & Bob: 50% off = today');

    const result = await send(id, message);

    expect(twilio.requests).toHaveLength(1);
    const [req] = twilio.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe(`/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`);
    expect(req!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`,
    );
    expect(req!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req!.body))).toEqual({
      To: TO,
      From: '+14155550100',
      Body: 'Hi Ann & Bob: 50% off = today',
      StatusCallback: HOOK_URL,
    });
    const created = twilio.messages.get(result.providerMessageId!);
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(created?.body).toBe(message.body);
    expect(result).toMatchObject({ responseCode: 201, response: { status: 'queued', num_segments: '1' } });
    expect(result.request).toMatchObject({ to: TO, from: '+14155550100' });
    expect(JSON.stringify(result)).not.toContain(twilio.authToken);
  });

  it('sends through a messaging service when no From is set', async () => {
    const service = `MG${'ab'.repeat(16)}`;
    const id = await newChannel('twilio', config({ from: undefined, messaging_service_sid: service }));
    const result = await send(id);
    const form = new URLSearchParams(twilio.requests[0]!.body);
    expect(form.get('MessagingServiceSid')).toBe(service);
    expect(form.has('From')).toBe(false);
    expect(result.response).toMatchObject({ status: 'accepted' });
  });

  it('refuses an invalid recipient before any request', async () => {
    const id = await newChannel('twilio', config());
    for (const to of ['+1555', '4155552671', 'not a number', '']) {
      const error = await failure(send(id, sms(to)));
      expect(error.kind).toBe('permanent');
      expect(error.message).toMatch(/recipient phone number/);
    }
    expect(twilio.requests).toHaveLength(0);
  });

  it('classifies 401, other 4xx, 429, 500 and a hang', async () => {
    const id = await newChannel('twilio', config());
    twilio.setMode('unauthorized');
    const unauthorized = await failure(send(id));
    expect(unauthorized.kind).toBe('permanent');
    expect(unauthorized.details.responseCode).toBe(401);
    expect(unauthorized.message).toContain('code 20003');
    expect(unauthorized.message).toContain('Authenticate');

    twilio.setMode('ok');
    const wrongToken = await newChannel('twilio', config({ auth_token: 'f'.repeat(32) }));
    expect((await failure(send(wrongToken))).message).toContain('Authenticate');

    const tooLong = await failure(send(id, sms(TO, 'x'.repeat(1601))));
    expect(tooLong.kind).toBe('permanent');
    expect(tooLong.details.response).toMatchObject({ status: 400, code: 21617 });

    await expectHttpFailures(twilio, id);
  });

  it('checks credentials by fetching the account', async () => {
    const id = await newChannel('twilio', config());
    const ok = await getHealth(id);
    expect(ok).toMatchObject({ ok: true, detail: expect.stringContaining('Switchboard test account') });
    expect(ok.detail).toContain('active');
    expect(ok.detail).not.toContain(twilio.authToken);
    expect(twilio.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /2010-04-01/Accounts/${twilio.accountSid}.json`,
    ]);

    const bad = await getHealth(await newChannel('twilio', config({ auth_token: 'e'.repeat(32) })));
    expect(bad).toMatchObject({ ok: false, detail: expect.stringContaining('Authenticate') });
  });

  it('polls a message for its final status', async () => {
    const id = await newChannel('twilio', config());
    const loaded = await loadChannelForSend(id);
    const cfg = loaded.config as unknown as TwilioConfig;
    const { providerMessageId } = await send(id);
    const sid = providerMessageId!;
    const poll = () => twilioProvider.statusPoller!.poll(sid, cfg, sendContext());

    twilio.setStatus(sid, 'sent');
    expect(await poll()).toBeUndefined();
    twilio.setStatus(sid, 'delivered');
    expect(await poll()).toMatchObject({ provider_message_id: sid, event: 'delivered', effect: 'delivered' });
    twilio.setStatus(sid, 'undelivered', { code: 30003, message: 'Unreachable destination handset' });
    expect(await poll()).toMatchObject({
      effect: 'failed',
      detail: 'Twilio error 30003: Unreachable destination handset',
    });
    expect(twilio.requests.at(-1)!.path).toBe(
      `/2010-04-01/Accounts/${twilio.accountSid}/Messages/${sid}.json`,
    );

    const missing = await twilioProvider
      .statusPoller!.poll(`SM${'0'.repeat(32)}`, cfg, sendContext())
      .catch((e) => e);
    expect(missing).toMatchObject({ kind: 'permanent', details: { responseCode: 404 } });
  });

  describe('status callbacks', () => {
    const callback = (status: string, extra: Record<string, string> = {}) => ({
      AccountSid: twilio.accountSid,
      ApiVersion: '2010-04-01',
      From: '+14155550100',
      MessageSid: `SM${'1'.repeat(32)}`,
      MessageStatus: status,
      SmsSid: `SM${'1'.repeat(32)}`,
      SmsStatus: status,
      To: TO,
      ...extra,
    });
    const cfg = (): TwilioConfig =>
      twilioProvider.configSchema.parse(config({ status_callback_url: HOOK_URL })) as TwilioConfig;
    const request = (url: string, params: Record<string, string>, signature: string) =>
      inbound(
        url,
        { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        new URLSearchParams(params).toString(),
      );
    const webhook = twilioProvider.statusWebhook!;

    it('accepts a request signed with the auth token and refuses forged ones', async () => {
      const params = callback('delivered');
      const good = request(HOOK_URL, params, twilioSignature(twilio.authToken, HOOK_URL, params));
      expect(await webhook.verify(good, cfg())).toBe(true);
      // Behind a proxy the URL received differs from the one Twilio signed (the configured callback URL).
      const proxied = { ...good, url: 'http://10.0.0.5:3000/api/v1/hooks/status/x' };
      expect(await webhook.verify(proxied, cfg())).toBe(true);

      const forged = request(HOOK_URL, params, twilioSignature('0'.repeat(32), HOOK_URL, params));
      expect(await webhook.verify(forged, cfg())).toBe(false);
      const tampered = request(
        HOOK_URL,
        { ...params, MessageStatus: 'failed' },
        twilioSignature(twilio.authToken, HOOK_URL, params),
      );
      expect(await webhook.verify(tampered, cfg())).toBe(false);
      const unsigned = inbound(
        HOOK_URL,
        { 'content-type': 'application/x-www-form-urlencoded' },
        good.rawBody,
      );
      expect(await webhook.verify(unsigned, cfg())).toBe(false);
      const otherUrl = `${HOOK_URL}?x=1`;
      expect(
        await webhook.verify(request(otherUrl, params, twilioSignature(twilio.authToken, otherUrl, params)), {
          ...cfg(),
          status_callback_url: undefined,
        }),
      ).toBe(true);
    });

    it('maps delivered, undelivered, failed and interim statuses', async () => {
      const parse = (params: Record<string, string>) =>
        webhook.parse(request(HOOK_URL, params, twilioSignature(twilio.authToken, HOOK_URL, params)), cfg());
      expect(await parse(callback('delivered'))).toEqual([
        { provider_message_id: `SM${'1'.repeat(32)}`, event: 'delivered', effect: 'delivered' },
      ]);
      expect(await parse(callback('undelivered', { ErrorCode: '30005' }))).toEqual([
        {
          provider_message_id: `SM${'1'.repeat(32)}`,
          event: 'undelivered',
          effect: 'failed',
          detail: 'Twilio error 30005',
        },
      ]);
      expect((await parse(callback('failed', { ErrorCode: '30007' })))[0]!.effect).toBe('failed');
      expect((await parse(callback('sent')))[0]!.effect).toBe('info');
    });
  });

  it('sends a test message through the channel test route', async () => {
    const id = await newChannel('twilio', config());
    const body = await postTest(id, { to: TO });
    expect(body).toMatchObject({ ok: true, provider_message_id: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    const form = new URLSearchParams(twilio.requests[0]!.body);
    expect(form.get('To')).toBe(TO);
    expect(form.get('Body')).toContain('test message from Switchboard');
  });
});
