import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as statusHook from '../app/api/v1/hooks/status/[channel_id]/route';
import { createChannelSchema } from '../lib/channels/schemas';
import { createChannel } from '../lib/channels/service';
import { db, schema } from '../lib/db';
import { pollMessageStatus } from '../lib/delivery/status-poll';
import { startTwilioFake, type TwilioFake } from './fakes/twilio';
import { call, uniq } from './support/factories';
import {
  apiWorkflow,
  attemptsOf,
  messagesOfWorkflow,
  postEvent,
  startTestWorker,
  waitFor,
} from './support/pipeline';

let twilio: TwilioFake;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  [twilio, worker] = await Promise.all([startTwilioFake(), startTestWorker()]);
});
afterAll(async () => {
  await worker?.stop();
  await twilio?.close();
});

/** Twilio's scheme: HMAC-SHA1 of the URL followed by the sorted form parameters, with the auth token. */
const sign = (token: string, url: string, params: Record<string, string>) =>
  createHmac('sha1', token)
    .update(
      Object.keys(params)
        .sort()
        .reduce((data, name) => data + name + params[name], url),
    )
    .digest('base64');

async function sentSms() {
  const channel = await createChannel(
    createChannelSchema.parse({
      name: `sms-${uniq()}`,
      provider: 'twilio',
      config: {
        account_sid: twilio.accountSid,
        auth_token: twilio.authToken,
        from: '+14155550100',
        base_url: twilio.url,
      },
    }),
    { principal: null },
  );
  const eventType = `sms.${uniq()}`;
  const workflow = await apiWorkflow(eventType, [
    {
      type: 'send',
      channel_id: channel.id,
      to: '{{ data.phone }}',
      template: { body: 'Code {{ data.code }}' },
    },
  ]);
  await postEvent({ event_type: eventType, data: { phone: '+14155552671', code: '4821' } });
  const [message] = await waitFor(
    async () => {
      const rows = await messagesOfWorkflow(workflow.id);
      return rows[0]?.status === 'sent' ? rows : undefined;
    },
    20_000,
    'sms sent',
  );
  return { channel, message: message! };
}

const callbackRequest = (channelId: string, params: Record<string, string>, signature: string) => {
  const url = `http://localhost/api/v1/hooks/status/${channelId}`;
  return call(statusHook.POST, {
    method: 'POST',
    path: `/api/v1/hooks/status/${channelId}`,
    params: { channel_id: channelId },
    rawBody: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  }).then((res) => ({ res, url }));
};

describe('provider delivery status', () => {
  it('a correctly signed Twilio callback turns the message delivered; a forged one gets 401 and changes nothing', async () => {
    const { channel, message } = await sentSms();
    expect(message.providerMessageId).toMatch(/^SM/);
    const params = {
      MessageSid: message.providerMessageId!,
      MessageStatus: 'delivered',
      AccountSid: twilio.accountSid,
    };
    const url = `http://localhost/api/v1/hooks/status/${channel.id}`;

    const forged = await callbackRequest(channel.id, params, sign('0'.repeat(32), url, params));
    expect(forged.res.status).toBe(401);
    const [unchanged] = await db().select().from(schema.messages).where(eq(schema.messages.id, message.id));
    expect(unchanged?.status).toBe('sent');

    const good = await callbackRequest(channel.id, params, sign(twilio.authToken, url, params));
    expect(good.res.status).toBe(200);
    expect(await good.res.json()).toEqual({ applied: 1, unknown: 0 });
    const [delivered] = await db().select().from(schema.messages).where(eq(schema.messages.id, message.id));
    expect(delivered?.status).toBe('delivered');
    const timeline = await attemptsOf(message.id);
    expect(timeline.map((a) => `${a.kind}:${a.outcome}`)).toEqual(['attempt:success', 'event:delivered']);
  }, 40_000);

  it('an undelivered callback marks the message failed', async () => {
    const { channel, message } = await sentSms();
    const url = `http://localhost/api/v1/hooks/status/${channel.id}`;
    const failed = {
      MessageSid: message.providerMessageId!,
      MessageStatus: 'undelivered',
      ErrorCode: '30005',
    };
    expect((await callbackRequest(channel.id, failed, sign(twilio.authToken, url, failed))).res.status).toBe(
      200,
    );
    const [row] = await db().select().from(schema.messages).where(eq(schema.messages.id, message.id));
    expect(row?.status).toBe('failed');
  }, 40_000);

  it('polls the provider for a message that got no callback', async () => {
    const { message } = await sentSms();
    twilio.setStatus(message.providerMessageId!, 'delivered');
    await pollMessageStatus(message.id, 1, worker.deps);
    const [row] = await db().select().from(schema.messages).where(eq(schema.messages.id, message.id));
    expect(row?.status).toBe('delivered');
    const poll = twilio.requests.find(
      (r) => r.method === 'GET' && r.path.endsWith(`/Messages/${message.providerMessageId}.json`),
    );
    expect(poll).toBeTruthy();
  }, 40_000);

  it('a sent message from a provider with a poller has a status lookup scheduled', async () => {
    const { message } = await sentSms();
    const { rows } = await db().$client.query(
      `SELECT data, start_after FROM pgboss.job WHERE name = 'message-status-poll' AND data->>'message_id' = $1`,
      [message.id],
    );
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].start_after).getTime()).toBeGreaterThan(Date.now() + 200_000);
  }, 40_000);
});
