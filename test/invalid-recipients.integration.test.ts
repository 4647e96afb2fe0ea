import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as one from '../app/api/v1/invalid-recipients/[id]/route';
import * as list from '../app/api/v1/invalid-recipients/route';
import * as messageRoute from '../app/api/v1/messages/[id]/route';
import { generateVapidKeys } from '../lib/channels/providers/webpush';
import { db, schema } from '../lib/db';
import { type ApnsFake, startApnsFake } from './fakes/apns';
import { type FcmFake, startFcmFake } from './fakes/fcm';
import { generateSubscriptionKeys, startWebpushFake, type WebpushFake } from './fakes/webpush';
import { type ConnectProxy, startConnectProxy } from './support/connect-proxy';
import { call, makeApiKey, uniq } from './support/factories';
import {
  apiWorkflow,
  attemptsOf,
  postEvent,
  startTestWorker,
  type TestWorker,
  waitFor,
} from './support/pipeline';
import { type Json, newChannel } from './support/provider-harness';
import { deliverQueued } from './support/queued-messages';
import { asUser } from './support/session-call';

/*
 * Recipients a push provider condemns, through the real worker against the strict fakes: APNs Unregistered and
 * BadDeviceToken, FCM UNREGISTERED and Web Push 410 are recorded per channel in the settle, listed by
 * GET /api/v1/invalid-recipients, and the next send to them fails at once without a request to the fake.
 * Deleting an entry (admins only, audited) lets sends through again.
 */

const bundleId = 'com.example.shop';
const [teamId, keyId] = ['TEAM123456', 'KEY1234567'];
const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const vapid = generateVapidKeys();

let worker: TestWorker;
let apns: ApnsFake;
let fcm: FcmFake;
let proxy: ConnectProxy;
let push: WebpushFake;
let adminKey: string;

beforeAll(async () => {
  [worker, apns, fcm, push] = await Promise.all([
    startTestWorker(),
    startApnsFake({ bundleId, token: { teamId, keyId, publicKey: pair.publicKey } }),
    startFcmFake(),
    startWebpushFake(),
  ]);
  proxy = await startConnectProxy(fcm.routes);
  adminKey = (await makeApiKey('admin')).key;
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([apns?.close(), proxy?.close().then(() => fcm?.close()), push?.close()]);
});

const apnsConfig = (): Json => ({
  auth: {
    type: 'token',
    key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    key_id: keyId,
    team_id: teamId,
  },
  bundle_id: bundleId,
  environment: 'sandbox',
  endpoint: apns.url,
  ca: apns.ca,
  timeout_seconds: 5,
});
const fcmConfig = (): Json => ({
  service_account: fcm.serviceAccount,
  proxy_url: proxy.url,
  proxy_ca: fcm.ca,
});
const webpushConfig = (): Json => ({ ...vapid, vapid_subject: 'mailto:ops@example.test', ca: push.ca });

const apnsDevice = () => randomBytes(32).toString('hex');
const fcmDevice = () => `c${randomBytes(8).toString('hex')}:APA91b${randomBytes(60).toString('base64url')}`;

const deliver = (channelId: string, recipients: string[]) =>
  deliverQueued(worker.deps.queue, channelId, recipients);

async function invalidRecipients(query: Record<string, string>) {
  const search = new URLSearchParams(query).toString();
  const res = await call(list.GET, { key: adminKey, path: `/api/v1/invalid-recipients?${search}` });
  expect(res.status).toBe(200);
  return (await res.json()) as { data: Json[]; next_cursor: string | null; prev_cursor: string | null };
}

describe('APNs', () => {
  it('Unregistered: the token is listed as invalid, and the next event to it fails at once without a request', async () => {
    const channelId = await newChannel('apns', apnsConfig());
    const token = apnsDevice();
    const since = Date.now() - 3_600_000;
    apns.registerDevice(token);
    apns.unregister(token, since);
    const eventType = `push.${uniq()}`;
    const workflow = await apiWorkflow(eventType, [
      {
        type: 'send',
        channel_id: channelId,
        to: '{{ data.token }}',
        template: { subject: 'Order shipped', body: 'Order {{ data.order }} is on its way.' },
      },
    ]);
    const sendEvent = async (order: number) => {
      const res = await postEvent({ event_type: eventType, data: { token, order } });
      expect(res.status).toBe(202);
      const [message] = await waitFor(async () => {
        const rows = await db()
          .select()
          .from(schema.messages)
          .where(eq(schema.messages.workflowId, workflow.id));
        const mine = rows.filter((row) => row.body === `Order ${order} is on its way.`);
        return mine[0] && ['sent', 'failed', 'dead'].includes(mine[0].status) ? mine : undefined;
      });
      return message!;
    };

    const first = await sendEvent(1);
    expect(first.status).toBe('failed');
    expect(first.lastError).toMatch(/^token unregistered: APNs refused device token/);
    expect(apns.requests.filter((r) => r.path === `/3/device/${token}`)).toHaveLength(1);

    const page = await invalidRecipients({ channel_id: channelId });
    expect(page.data).toEqual([
      {
        id: expect.any(String),
        channel_id: channelId,
        channel_name: expect.stringMatching(/^apns-/),
        provider: 'apns',
        recipient: token,
        reason: 'Unregistered',
        detail: first.lastError,
        invalid_since: new Date(since).toISOString(),
        message_id: first.id,
        created_at: expect.any(String),
        last_seen_at: expect.any(String),
      },
    ]);
    const reportedAt = page.data[0]!.created_at as string;

    const before = apns.requests.length;
    const second = await sendEvent(2);
    expect(apns.requests.length - before).toBe(0);
    expect(second.status).toBe('failed');
    expect(second.lastError).toBe(
      `device token was reported Unregistered by APNs at ${reportedAt}; not sent (listed under invalid ` +
        'recipients: delete the entry once the recipient is valid again)',
    );
    const attempts = await attemptsOf(second.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      outcome: 'permanent_error',
      error: second.lastError,
      responseCode: null,
      requestSummary: null,
      providerMessageId: null,
    });

    // Per recipient: another device of the same channel is sent to as before, its apns-id on the attempt.
    const other = apnsDevice();
    apns.registerDevice(other);
    const [ok] = await deliver(channelId, [other]);
    expect(ok!.status).toBe('sent');
    const [attempt] = await attemptsOf(ok!.id);
    expect(attempt!.providerMessageId).toBe(ok!.id);
  }, 60_000);

  it('BadDeviceToken twice in one batch is one entry; viewers read it, only admins clear it, and then sends go out', async () => {
    const channelId = await newChannel('apns', apnsConfig());
    const token = apnsDevice(); // never registered: BadDeviceToken
    const failed = await deliver(channelId, [token, token.toUpperCase()]);
    // Both in one job, so one batch: both were refused by APNs, and the settle records the token once.
    expect(failed.map((m) => m.status)).toEqual(['failed', 'failed']);
    for (const m of failed) expect(m.lastError).toMatch(/^token unregistered: .*BadDeviceToken/);

    const { data } = await invalidRecipients({ channel_id: channelId });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      provider: 'apns',
      recipient: token,
      reason: 'BadDeviceToken',
      invalid_since: null,
    });
    const entry = data[0]!;

    const viewer = await asUser('viewer');
    const read = await viewer(list.GET, { path: `/api/v1/invalid-recipients?channel_id=${channelId}` });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { data: Json[] }).data.map((e) => e.id)).toEqual([entry.id]);
    const viewerDelete = await viewer(one.DELETE, { method: 'DELETE', params: { id: entry.id } });
    expect(viewerDelete.status).toBe(403);
    const triggerKey = (await makeApiKey('trigger')).key;
    expect((await call(list.GET, { key: triggerKey, path: '/api/v1/invalid-recipients' })).status).toBe(403);

    // The app registered the token again: an admin clears the entry, and the next send goes out.
    apns.registerDevice(token);
    const blocked = await deliver(channelId, [token]);
    expect(blocked[0]!.lastError).toMatch(/^device token was reported BadDeviceToken by APNs at /);
    const removed = await call(one.DELETE, { method: 'DELETE', key: adminKey, params: { id: entry.id } });
    expect(removed.status).toBe(204);
    expect((await call(one.GET, { key: adminKey, params: { id: entry.id } })).status).toBe(404);
    const [audit] = await db()
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.action, 'invalid_recipient.delete'), eq(schema.auditLog.resourceId, entry.id)),
      );
    expect(audit).toMatchObject({
      actorType: 'api_key',
      resourceType: 'invalid_recipient',
      changes: {
        before: { channel_id: channelId, provider: 'apns', recipient: token, reason: 'BadDeviceToken' },
      },
    });

    const [sent] = await deliver(channelId, [token]);
    expect(sent!.status).toBe('sent');
    expect(apns.delivered.some((r) => r.path === `/3/device/${token}`)).toBe(true);
    expect((await invalidRecipients({ channel_id: channelId })).data).toEqual([]);
  }, 60_000);
});

describe('FCM', () => {
  const sendRequests = () => fcm.requests.filter((r) => r.path.endsWith('/messages:send'));

  it('UNREGISTERED: listed as invalid; the next send fails without a request; topics are never looked up', async () => {
    const channelId = await newChannel('fcm', fcmConfig());
    const token = fcmDevice();
    fcm.unregister(token);
    const [first] = await deliver(channelId, [token]);
    expect(first!.status).toBe('failed');
    expect(first!.lastError).toMatch(/^token unregistered: FCM refused registration token/);

    const { data } = await invalidRecipients({ provider: 'fcm', recipient: token });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      channel_id: channelId,
      recipient: token,
      reason: 'UNREGISTERED',
      message_id: first!.id,
    });

    const before = sendRequests().length;
    const [second] = await deliver(channelId, [token]);
    expect(sendRequests().length - before).toBe(0);
    expect(second!.status).toBe('failed');
    expect(second!.lastError).toMatch(/^registration token was reported UNREGISTERED by FCM at /);

    // The API's view of the message says the same, on the message and its attempt.
    const res = await call(messageRoute.GET, { key: adminKey, params: { id: second!.id } });
    const detail = (await res.json()) as Json;
    expect(detail.last_error).toBe(second!.lastError);
    expect(detail.attempts).toEqual([
      expect.objectContaining({
        outcome: 'permanent_error',
        error: second!.lastError,
        provider_message_id: null,
      }),
    ]);

    const [topic] = await deliver(channelId, ['topic:news']);
    expect(topic!.status).toBe('sent');
    expect(topic!.providerMessageId).toMatch(/^projects\/.+\/messages\//);
  }, 60_000);
});

describe('Web Push', () => {
  it('410 Gone: the subscription is listed as expired by its endpoint; the next send fails without a request', async () => {
    const channelId = await newChannel('webpush', webpushConfig());
    const subscription = push.subscribe(generateSubscriptionKeys(), vapid.vapid_public_key);
    push.expire(subscription.endpoint);
    const [first] = await deliver(channelId, [JSON.stringify(subscription)]);
    expect(first!.status).toBe('failed');
    expect(first!.lastError).toMatch(/^push subscription expired \(HTTP 410\)/);

    const { data } = await invalidRecipients({ channel_id: channelId });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      provider: 'webpush',
      recipient: subscription.endpoint,
      reason: 'expired (HTTP 410)',
    });

    const before = push.requests.length;
    // The same subscription, its JSON written differently: it is the endpoint that is looked up.
    const [second] = await deliver(channelId, [JSON.stringify(subscription, null, 2)]);
    expect(push.requests.length - before).toBe(0);
    expect(second!.lastError).toMatch(
      /^push subscription was reported expired \(HTTP 410\) by the push service at /,
    );
  }, 60_000);
});

describe('the list', () => {
  it('filters by channel, provider and recipient, and pages newest first both ways', async () => {
    const channelId = await newChannel('apns', apnsConfig());
    const tokens = [apnsDevice(), apnsDevice(), apnsDevice()];
    for (const token of tokens) await deliver(channelId, [token]);

    const all = await invalidRecipients({ channel_id: channelId });
    expect(all.data.map((e) => e.recipient)).toEqual([...tokens].reverse());
    expect((await invalidRecipients({ channel_id: channelId, provider: 'fcm' })).data).toEqual([]);
    expect((await invalidRecipients({ recipient: tokens[1]! })).data.map((e) => e.channel_id)).toEqual([
      channelId,
    ]);

    const first = await invalidRecipients({ channel_id: channelId, limit: '2' });
    expect(first.data.map((e) => e.recipient)).toEqual([tokens[2], tokens[1]]);
    expect(first.prev_cursor).toBeNull();
    const second = await invalidRecipients({ channel_id: channelId, limit: '2', cursor: first.next_cursor! });
    expect(second.data.map((e) => e.recipient)).toEqual([tokens[0]]);
    expect(second.next_cursor).toBeNull();
    const back = await invalidRecipients({ channel_id: channelId, limit: '2', before: second.prev_cursor! });
    expect(back.data.map((e) => e.recipient)).toEqual([tokens[2], tokens[1]]);

    const bad = await call(list.GET, { key: adminKey, path: '/api/v1/invalid-recipients?provider=smtp' });
    expect(bad.status).toBe(422);
  }, 60_000);
});
