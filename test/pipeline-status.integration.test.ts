import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, schema } from '../lib/db';
import { pollMessageStatus } from '../lib/delivery/status-poll';
import { startTwilioFake, type TwilioFake } from './fakes/twilio';
import { uniq } from './support/factories';
import {
  apiWorkflow,
  attemptsOf,
  messagesOfWorkflow,
  postEvent,
  startTestWorker,
  waitFor,
} from './support/pipeline';
import {
  postStatusCallback,
  twilioSignature as sign,
  statusHookUrl,
  twilioChannel,
} from './support/twilio-status';

let twilio: TwilioFake;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  [twilio, worker] = await Promise.all([startTwilioFake(), startTestWorker()]);
});
afterAll(async () => {
  await worker?.stop();
  await twilio?.close();
});

async function sentSms() {
  const channel = await twilioChannel(twilio);
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

describe('provider delivery status', () => {
  it('a correctly signed Twilio callback turns the message delivered; a forged one gets 401 and changes nothing', async () => {
    const { channel, message } = await sentSms();
    expect(message.providerMessageId).toMatch(/^SM/);
    const params = {
      MessageSid: message.providerMessageId!,
      MessageStatus: 'delivered',
      AccountSid: twilio.accountSid,
    };
    const url = statusHookUrl(channel.id);

    const forged = await postStatusCallback(channel.id, params, sign('0'.repeat(32), url, params));
    expect(forged.status).toBe(401);
    const [unchanged] = await db().select().from(schema.messages).where(eq(schema.messages.id, message.id));
    expect(unchanged?.status).toBe('sent');

    const good = await postStatusCallback(channel.id, params, sign(twilio.authToken, url, params));
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ applied: 1, unknown: 0 });
    const [delivered] = await db().select().from(schema.messages).where(eq(schema.messages.id, message.id));
    expect(delivered?.status).toBe('delivered');
    const timeline = await attemptsOf(message.id);
    expect(timeline.map((a) => `${a.kind}:${a.outcome}`)).toEqual(['attempt:success', 'event:delivered']);
  }, 40_000);

  it('an undelivered callback marks the message failed', async () => {
    const { channel, message } = await sentSms();
    const url = statusHookUrl(channel.id);
    const failed = {
      MessageSid: message.providerMessageId!,
      MessageStatus: 'undelivered',
      ErrorCode: '30005',
    };
    expect((await postStatusCallback(channel.id, failed, sign(twilio.authToken, url, failed))).status).toBe(
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
