import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeProviders } from '../../lib/channels/registry';
import { type SnsFake, startSnsFake } from '../fakes/sns';
import { failure, getHealth, type Json, newChannel, postTest } from '../support/provider-harness';
import { expectHttpFailures, sendSms as send, sms, TO } from '../support/sms-providers';

/*
 * Amazon SNS SMS through @aws-sdk/client-sns against the strict SNS fake (test/fakes/sns.ts): the SigV4-signed
 * Publish as it goes over the wire, how refused credentials, throttling, 5xx and a hang are classified, and the
 * check.
 */

let sns: SnsFake;

beforeAll(async () => {
  sns = await startSnsFake();
});
afterAll(async () => {
  await closeProviders();
  await sns.close();
});
beforeEach(() => {
  sns.setMode('ok');
  sns.requests.length = 0;
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
