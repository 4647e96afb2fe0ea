import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Vonage } from '@vonage/server-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioProvider } from '../lib/channels/providers/twilio';
import type { TwilioConfig } from '../lib/channels/providers/twilio/config';
import { vonageProvider } from '../lib/channels/providers/vonage';
import type { VonageConfig } from '../lib/channels/providers/vonage/config';
import { closeProviders } from '../lib/channels/registry';
import { loadChannelForSend } from '../lib/channels/service';
import type { InboundRequest, OutgoingMessage } from '../lib/channels/types';
import { type SnsFake, startSnsFake } from './fakes/sns';
import { startTwilioFake, type TwilioFake } from './fakes/twilio';
import { startVonageFake, type VonageFake } from './fakes/vonage';
import {
  channelSender,
  failure,
  getHealth,
  type Json,
  newChannel,
  postTest,
  sendContext,
} from './support/provider-harness';

const TO = '+14155552671';
const HOOK_URL = 'https://switchboard.example.com/api/v1/hooks/status/5b0c7a52-3f4e-4d8a-9a51-0c1f7d2e9b11';

let twilio: TwilioFake;
let sns: SnsFake;
let vonage: VonageFake;

beforeAll(async () => {
  [twilio, sns, vonage] = await Promise.all([startTwilioFake(), startSnsFake(), startVonageFake()]);
});
afterAll(async () => {
  await closeProviders();
  await Promise.all([twilio.close(), sns.close(), vonage.close()]);
});
beforeEach(() => {
  for (const fake of [twilio, sns, vonage]) {
    fake.setMode('ok');
    fake.requests.length = 0;
  }
});

function sms(to = TO, body = 'Your Switchboard code is 482913.'): OutgoingMessage {
  const id = randomUUID();
  return { id, idempotencyKey: `run:${id}`, to, subject: 'ignored for SMS', body };
}

const send = channelSender(sms);

function inbound(url: string, headers: Record<string, string>, rawBody: string): InboundRequest {
  return { method: 'POST', url, headers: new Headers(headers), rawBody };
}

// The common failure modes, as each fake answers them.
async function expectHttpFailures(
  fake: { setMode(mode: 'rate-limited' | 'server-error' | 'hang', o?: { retryAfter?: string }): void },
  id: string,
) {
  fake.setMode('rate-limited', { retryAfter: '7' });
  const limited = await failure(send(id));
  expect(limited.kind).toBe('retryable');
  expect(limited.details.responseCode).toBe(429);
  expect(limited.details.retryAfterMs).toBe(7_000);

  fake.setMode('server-error');
  const broken = await failure(send(id));
  expect(broken.kind).toBe('retryable');
  expect(broken.details.responseCode).toBe(500);

  fake.setMode('hang');
  const started = Date.now();
  const hung = await failure(send(id, sms(), 300));
  expect(hung.kind).toBe('retryable');
  expect(hung.message).toMatch(/300 ms/);
  expect(Date.now() - started).toBeLessThan(3_000);
}

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
    // Twilio's documented algorithm: the full URL, then each POST parameter name and value in name order.
    const sign = (token: string, url: string, params: Record<string, string>) =>
      createHmac('sha1', token)
        .update(
          Object.keys(params)
            .sort()
            .reduce((data, name) => data + name + params[name], url),
        )
        .digest('base64');
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
      const good = request(HOOK_URL, params, sign(twilio.authToken, HOOK_URL, params));
      expect(await webhook.verify(good, cfg())).toBe(true);
      // Behind a proxy the URL received differs from the one Twilio signed (the configured callback URL).
      const proxied = { ...good, url: 'http://10.0.0.5:3000/api/v1/hooks/status/x' };
      expect(await webhook.verify(proxied, cfg())).toBe(true);

      const forged = request(HOOK_URL, params, sign('0'.repeat(32), HOOK_URL, params));
      expect(await webhook.verify(forged, cfg())).toBe(false);
      const tampered = request(
        HOOK_URL,
        { ...params, MessageStatus: 'failed' },
        sign(twilio.authToken, HOOK_URL, params),
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
        await webhook.verify(request(otherUrl, params, sign(twilio.authToken, otherUrl, params)), {
          ...cfg(),
          status_callback_url: undefined,
        }),
      ).toBe(true);
    });

    it('maps delivered, undelivered, failed and interim statuses', async () => {
      const parse = (params: Record<string, string>) =>
        webhook.parse(request(HOOK_URL, params, sign(twilio.authToken, HOOK_URL, params)), cfg());
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

describe('sns', () => {
  const config = (extra: Json = {}): Json => ({
    region: sns.region,
    access_key_id: sns.accessKeyId,
    secret_access_key: sns.secretAccessKey,
    sender_id: 'Acme',
    endpoint: sns.url,
    ...extra,
  });

  it('publishes to the phone number with a SigV4-signed Query request and SMS attributes', async () => {
    const id = await newChannel('sns', config({ origination_number: '+14155550100' }));
    const message = sms(TO, 'Your order #42 has shipped & is on its way');

    const result = await send(id, message);

    expect(sns.requests).toHaveLength(1);
    const [req] = sns.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/');
    expect(req!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    // The fake recomputed the signature; the header's shape is checked here too.
    expect(req!.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${sns.accessKeyId}/\\d{8}/${sns.region}/sns/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`,
      ),
    );
    const form = Object.fromEntries(new URLSearchParams(req!.body));
    expect(form).toMatchObject({
      Action: 'Publish',
      Version: '2010-03-31',
      PhoneNumber: TO,
      Message: message.body,
    });
    const attributes: Record<string, [string | undefined, string | undefined]> = {};
    for (let n = 1; form[`MessageAttributes.entry.${n}.Name`]; n++) {
      const prefix = `MessageAttributes.entry.${n}`;
      attributes[form[`${prefix}.Name`]!] = [
        form[`${prefix}.Value.DataType`],
        form[`${prefix}.Value.StringValue`],
      ];
    }
    expect(attributes).toEqual({
      'AWS.SNS.SMS.SMSType': ['String', 'Transactional'],
      'AWS.SNS.SMS.SenderID': ['String', 'Acme'],
      'AWS.MM.SMS.OriginationNumber': ['String', '+14155550100'],
    });
    expect(sns.published.has(result.providerMessageId!)).toBe(true);
    expect(result).toMatchObject({ responseCode: 200, response: { message_id: result.providerMessageId } });
    expect(JSON.stringify(result)).not.toContain(sns.secretAccessKey);
  });

  it('refuses an invalid recipient before any request', async () => {
    const id = await newChannel('sns', config());
    const error = await failure(send(id, sms('+4412')));
    expect(error.kind).toBe('permanent');
    expect(sns.requests).toHaveLength(0);
  });

  it('fails for good on rejected credentials, with the reason', async () => {
    const wrongSecret = await newChannel(
      'sns',
      config({ secret_access_key: 'not/the/right/secret/key/0000' }),
    );
    const mismatch = await failure(send(wrongSecret));
    expect(mismatch.kind).toBe('permanent');
    expect(mismatch.details.responseCode).toBe(403);
    expect(mismatch.message).toContain('SignatureDoesNotMatch');
    expect(mismatch.message).not.toContain('not/the/right');

    const id = await newChannel('sns', config());
    sns.setMode('unauthorized');
    const invalid = await failure(send(id));
    expect(invalid.kind).toBe('permanent');
    expect(invalid.message).toContain('InvalidClientTokenId');
    expect(invalid.message).toContain('The security token included in the request is invalid');
  });

  it('classifies throttling, 500 and a hang as retryable', async () => {
    await expectHttpFailures(sns, await newChannel('sns', config()));
  });

  it('checks credentials with GetSMSSandboxAccountStatus', async () => {
    const id = await newChannel('sns', config());
    const ok = await getHealth(id);
    expect(ok).toMatchObject({ ok: true, detail: expect.stringContaining('SMS sandbox') });
    expect(new URLSearchParams(sns.requests[0]!.body).get('Action')).toBe('GetSMSSandboxAccountStatus');

    sns.setMode('forbidden');
    expect(await getHealth(id)).toMatchObject({
      ok: true,
      detail: expect.stringContaining('accepted the keys'),
    });
    sns.setMode('unauthorized');
    expect(await getHealth(id)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('InvalidClientTokenId'),
    });
  });

  it('sends a test message through the channel test route', async () => {
    const id = await newChannel('sns', config());
    const body = await postTest(id, { to: TO });
    expect(body).toMatchObject({ ok: true, provider_message_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(new URLSearchParams(sns.requests[0]!.body).get('PhoneNumber')).toBe(TO);
  });
});

describe('vonage', () => {
  const config = (extra: Json = {}): Json => ({
    api_key: vonage.apiKey,
    api_secret: vonage.apiSecret,
    from: 'Acme',
    rest_host: vonage.url,
    ...extra,
  });

  it('posts from, to (no "+"), text and client-ref to /sms/json with Basic api_key:api_secret', async () => {
    const id = await newChannel('vonage', config({ status_callback_url: HOOK_URL }));
    const message = sms('+49 151 12345678', 'Your code: 482913');

    const result = await send(id, message);

    expect(vonage.requests).toHaveLength(1);
    const [req] = vonage.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/sms/json');
    expect(req!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${vonage.apiKey}:${vonage.apiSecret}`).toString('base64')}`,
    );
    expect(req!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req!.body)).toEqual({
      to: '4915112345678',
      from: 'Acme',
      text: 'Your code: 482913',
      'client-ref': message.id,
      callback: HOOK_URL,
    });
    expect(result.providerMessageId).toMatch(/^[0-9A-F]{18}$/);
    expect(vonage.sent.has(result.providerMessageId!)).toBe(true);
    expect(result.response).toMatchObject({ message_count: 1, network: '26202' });
    expect(JSON.stringify(result)).not.toContain(vonage.apiSecret);
  });

  it('sends non-GSM text as unicode, and a number sender without "+"; long texts come back in parts', async () => {
    const id = await newChannel('vonage', config({ from: '+14155550100' }));
    const emoji = await send(id, sms(TO, 'Привет 👋'));
    expect(JSON.parse(vonage.requests[0]!.body)).toMatchObject({ type: 'unicode', from: '14155550100' });
    expect(emoji.request).toMatchObject({ type: 'unicode' });

    const long = await send(id, sms(TO, 'a'.repeat(400)));
    expect(JSON.parse(vonage.requests[1]!.body).type).toBeUndefined();
    expect((long.response as Json).message_ids).toHaveLength(3);
    expect(long.providerMessageId).toBe((long.response as Json).message_ids[0]);
  });

  it('refuses an invalid recipient before any request', async () => {
    const id = await newChannel('vonage', config());
    expect((await failure(send(id, sms('0151 12345678')))).kind).toBe('permanent');
    expect(vonage.requests).toHaveLength(0);
  });

  it('reads refusals from the status of an HTTP 200 answer', async () => {
    const wrongSecret = await newChannel('vonage', config({ api_secret: 'wrong-secret' }));
    const bad = await failure(send(wrongSecret));
    expect(bad.kind).toBe('permanent');
    expect(bad.message).toBe(
      'Vonage refused the credentials (status 4, Invalid Credentials): Bad Credentials',
    );
    expect(bad.details).toMatchObject({
      responseCode: 200,
      response: { status: '4', error_text: 'Bad Credentials' },
    });

    const id = await newChannel('vonage', config());
    vonage.setMode('status', { status: '29', errorText: 'Non White-listed Destination - rejected' });
    const notWhitelisted = await failure(send(id));
    expect(notWhitelisted.kind).toBe('permanent');
    expect(notWhitelisted.message).toContain('Non-Whitelisted Destination');
    vonage.setMode('status', {
      status: '1',
      errorText: 'Throughput Rate Exceeded - please wait [ 1000 ] and retry',
    });
    const throttled = await failure(send(id));
    expect(throttled.kind).toBe('retryable');
    expect(throttled.message).toContain('status 1, Throttled');
  });

  it('classifies gateway 401, 429, 500 and a hang', async () => {
    const id = await newChannel('vonage', config());
    vonage.setMode('unauthorized');
    const unauthorized = await failure(send(id));
    expect(unauthorized.kind).toBe('permanent');
    expect(unauthorized.details.responseCode).toBe(401);
    expect(unauthorized.message).toBe(
      'Vonage refused the credentials (HTTP 401): Unauthorized: You did not provide correct credentials.',
    );
    await expectHttpFailures(vonage, id);
  });

  it('checks credentials with the account balance', async () => {
    const id = await newChannel('vonage', config());
    expect(await getHealth(id)).toMatchObject({
      ok: true,
      detail: expect.stringContaining('balance 12.75'),
    });
    expect(vonage.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /account/get-balance']);
    const bad = await getHealth(await newChannel('vonage', config({ api_secret: 'wrong-secret' })));
    expect(bad).toMatchObject({ ok: false, detail: expect.stringContaining('HTTP 401') });
  });

  describe('delivery receipts', () => {
    const secret = 'sig-secret-0123456789abcdef';
    // Vonage's documented signing: "&key=value" for each parameter in key order ("&" and "=" in values become
    // "_"), then MD5 over that plus the secret, or an HMAC keyed by the secret.
    const sign = (params: Record<string, string>, method: 'md5hash' | 'sha256hmac') => {
      const text = Object.keys(params)
        .sort()
        .map((k) => `&${k}=${params[k]!.replace(/[&=]/g, '_')}`)
        .join('');
      return method === 'md5hash'
        ? createHash('md5')
            .update(text + secret)
            .digest('hex')
        : createHmac('sha256', secret).update(text).digest('hex').toUpperCase();
    };
    const receipt = (status: string, extra: Record<string, string> = {}) => ({
      msisdn: '4915112345678',
      to: 'Acme',
      'network-code': '26202',
      messageId: '0A0000000123ABCD1',
      price: '0.03330000',
      status,
      scts: '2001011400',
      'err-code': status === 'delivered' ? '0' : '5',
      'api-key': vonage.apiKey,
      'client-ref': 'run:abc=1&x',
      'message-timestamp': '2024-05-01 12:30:45',
      timestamp: String(Math.floor(Date.now() / 1000)),
      nonce: randomUUID(),
      ...extra,
    });
    const cfg = (extra: Json = {}) =>
      vonageProvider.configSchema.parse(config({ signature_secret: secret, ...extra })) as VonageConfig;
    const json = (params: Record<string, string>) =>
      inbound(HOOK_URL, { 'content-type': 'application/json' }, JSON.stringify(params));
    const form = (params: Record<string, string>) =>
      inbound(
        HOOK_URL,
        { 'content-type': 'application/x-www-form-urlencoded' },
        new URLSearchParams(params).toString(),
      );
    const webhook = vonageProvider.statusWebhook!;

    it('accepts receipts signed as Vonage signs them and refuses forged, stale or unsigned ones', async () => {
      const params = receipt('delivered');
      const md5 = { ...params, sig: sign(params, 'md5hash') };
      // The test's signer agrees with the SDK's own verifier.
      const sdk = new Vonage({ apiKey: vonage.apiKey, apiSecret: vonage.apiSecret }).sms;
      expect(sdk.verifySignature(md5.sig, md5, secret, 'MD5HASH' as never)).toBe(true);

      expect(await webhook.verify(json(md5), cfg())).toBe(true);
      expect(await webhook.verify(form(md5), cfg())).toBe(true);
      const hmac = { ...params, sig: sign(params, 'sha256hmac') };
      expect(sdk.verifySignature(hmac.sig, hmac, secret, 'SHA256HMAC' as never)).toBe(true);
      expect(await webhook.verify(json(hmac), cfg({ signature_method: 'sha256hmac' }))).toBe(true);
      expect(await webhook.verify(json(hmac), cfg())).toBe(false);

      expect(await webhook.verify(json({ ...md5, status: 'failed' }), cfg())).toBe(false);
      const flipped = md5.sig.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      expect(await webhook.verify(json({ ...params, sig: flipped }), cfg())).toBe(false);
      expect(await webhook.verify(json(params), cfg())).toBe(false);
      expect(await webhook.verify(json(md5), cfg({ signature_secret: undefined }))).toBe(false);
      const stale = receipt('delivered', { timestamp: String(Math.floor(Date.now() / 1000) - 2 * 86_400) });
      expect(await webhook.verify(json({ ...stale, sig: sign(stale, 'md5hash') }), cfg())).toBe(false);
    });

    it('maps delivered to delivered, failed/rejected/expired to failed, the rest to info', async () => {
      const parse = async (status: string) => (await webhook.parse(json(receipt(status)), cfg()))[0];
      expect(await parse('delivered')).toEqual({
        provider_message_id: '0A0000000123ABCD1',
        event: 'delivered',
        effect: 'delivered',
        occurred_at: '2024-05-01T12:30:45.000Z',
      });
      for (const status of ['failed', 'rejected', 'expired']) {
        expect(await parse(status)).toMatchObject({ effect: 'failed', detail: 'Vonage err-code 5' });
      }
      for (const status of ['accepted', 'buffered', 'unknown'])
        expect((await parse(status))!.effect).toBe('info');
    });
  });

  it('sends a test message through the channel test route', async () => {
    const id = await newChannel('vonage', config());
    const body = await postTest(id, { to: TO });
    expect(body).toMatchObject({ ok: true, provider_message_id: expect.stringMatching(/^[0-9A-F]{18}$/) });
    expect(JSON.parse(vonage.requests[0]!.body)).toMatchObject({ to: '14155552671', from: 'Acme' });
  });
});
