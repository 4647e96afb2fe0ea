import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Vonage } from '@vonage/server-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { vonageProvider } from '../../lib/channels/providers/vonage';
import type { VonageConfig } from '../../lib/channels/providers/vonage/config';
import { closeProviders } from '../../lib/channels/registry';
import { startVonageFake, type VonageFake } from '../fakes/vonage';
import { failure, getHealth, type Json, newChannel, postTest } from '../support/provider-harness';
import { expectHttpFailures, HOOK_URL, inbound, sendSms as send, sms, TO } from '../support/sms-providers';

/*
 * Vonage SMS through @vonage/server-sdk against the strict Vonage fake (test/fakes/vonage.ts): the /sms/json
 * request as it goes over the wire, unicode and long texts, refusals read from an HTTP 200's status, gateway
 * 401, 429, 5xx and a hang, the balance check, and signed delivery receipts.
 */

let vonage: VonageFake;

beforeAll(async () => {
  vonage = await startVonageFake();
});
afterAll(async () => {
  await closeProviders();
  await vonage.close();
});
beforeEach(() => {
  vonage.setMode('ok');
  vonage.requests.length = 0;
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
