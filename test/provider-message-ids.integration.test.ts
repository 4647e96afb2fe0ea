import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messageRoute from '../app/api/v1/messages/[id]/route';
import { generateVapidKeys } from '../lib/channels/providers/webpush';
import { type ApnsFake, startApnsFake } from './fakes/apns';
import { type DiscordFake, startDiscordFake } from './fakes/discord';
import { type FcmFake, startFcmFake } from './fakes/fcm';
import { type SlackFake, startSlackFake } from './fakes/slack';
import { type SnsFake, startSnsFake } from './fakes/sns';
import { startTeamsFake, type TeamsFake } from './fakes/teams';
import { generateSubscriptionKeys, startWebpushFake, type WebpushFake } from './fakes/webpush';
import { type ConnectProxy, startConnectProxy } from './support/connect-proxy';
import { call, makeApiKey, uniq } from './support/factories';
import { startTestWorker, type TestWorker } from './support/pipeline';
import { type Json, newChannel } from './support/provider-harness';
import { deliverQueued, type MessageRow } from './support/queued-messages';

/*
 * Every provider that names the message it accepted does so on the attempt: a message sent through the worker
 * against each strict fake carries the id the fake made (apns-id, FCM message name, Web Push Location, Slack ts,
 * Discord message id, Teams flow run id or Graph chatMessage id, SNS MessageId) on its attempt row, in the API's
 * view of the attempt and on the message.
 */

let worker: TestWorker;
let adminKey: string;

beforeAll(async () => {
  worker = await startTestWorker();
  adminKey = (await makeApiKey('admin')).key;
});
afterAll(() => worker?.stop());

/** Sends one message through a new channel; returns it with the attempt as the API shows it. */
async function sendOne(provider: string, config: Json, to = '') {
  const channelId = await newChannel(provider, config);
  const [message] = (await deliverQueued(worker.deps.queue, channelId, [to], {
    subject: 'Disk alert',
    body: 'Disk almost full on db-1',
  })) as [MessageRow];
  expect(message.status, message.lastError ?? '').toBe('sent');
  const res = await call(messageRoute.GET, { key: adminKey, params: { id: message.id } });
  expect(res.status).toBe(200);
  const detail = (await res.json()) as Json;
  expect(detail.attempts).toHaveLength(1);
  const [attempt] = detail.attempts as Json[];
  expect(attempt).toMatchObject({ outcome: 'success', provider_message_id: message.providerMessageId });
  return { message, attempt: attempt! };
}

describe('push', () => {
  let apns: ApnsFake;
  let fcm: FcmFake;
  let proxy: ConnectProxy;
  let push: WebpushFake;
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  beforeAll(async () => {
    [apns, fcm, push] = await Promise.all([
      startApnsFake({
        bundleId: 'com.example.shop',
        token: { teamId: 'TEAM123456', keyId: 'KEY1234567', publicKey: pair.publicKey },
      }),
      startFcmFake(),
      startWebpushFake(),
    ]);
    proxy = await startConnectProxy(fcm.routes);
  });
  afterAll(async () => {
    await Promise.all([apns?.close(), proxy?.close().then(() => fcm?.close()), push?.close()]);
  });

  it('APNs: the apns-id (the message id) it confirmed', async () => {
    const device = randomBytes(32).toString('hex');
    apns.registerDevice(device);
    const { message, attempt } = await sendOne(
      'apns',
      {
        auth: {
          type: 'token',
          key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
          key_id: 'KEY1234567',
          team_id: 'TEAM123456',
        },
        bundle_id: 'com.example.shop',
        environment: 'sandbox',
        endpoint: apns.url,
        ca: apns.ca,
      },
      device,
    );
    const delivered = apns.delivered.find((r) => r.path === `/3/device/${device}`);
    expect(delivered!.headers['apns-id']).toBe(message.id);
    expect(attempt.provider_message_id).toBe(message.id);
  });

  it('FCM: the message name FCM answered', async () => {
    const device = `c${randomBytes(8).toString('hex')}:APA91b${randomBytes(60).toString('base64url')}`;
    const { attempt } = await sendOne(
      'fcm',
      { service_account: fcm.serviceAccount, proxy_url: proxy.url, proxy_ca: fcm.ca },
      device,
    );
    const accepted = fcm.accepted.find((m) => m.message.token === device);
    expect(attempt.provider_message_id).toBe(accepted!.name);
    expect(attempt.provider_message_id).toMatch(new RegExp(`^projects/${fcm.projectId}/messages/`));
  });

  it("Web Push: the push service's Location (the message resource)", async () => {
    const vapid = generateVapidKeys();
    const subscription = push.subscribe(generateSubscriptionKeys(), vapid.vapid_public_key);
    const { attempt } = await sendOne(
      'webpush',
      { ...vapid, vapid_subject: 'mailto:ops@example.test', ca: push.ca },
      JSON.stringify(subscription),
    );
    expect(attempt.provider_message_id).toBe(push.received.at(-1)!.location);
  });
});

describe('chat and SMS', () => {
  let slack: SlackFake;
  let discord: DiscordFake;
  let teams: TeamsFake;
  let sns: SnsFake;
  const slackToken = `xoxb-${uniq()}-${uniq()}-${uniq()}`;
  const discordToken = `MTEwMDAwMDAwMDAwMDAwMDAwMQ.${uniq()}.${uniq()}${uniq()}`;
  const DISCORD_CHANNEL = '1300000000000000001';
  const teamsApp = {
    tenant: 'contoso.onmicrosoft.com',
    clientId: randomUUID(),
    clientSecret: `sec~${uniq()}`,
  };
  const TEAM = randomUUID();
  const TEAMS_CHANNEL = '19:a1b2c3d4e5@thread.tacv2';
  beforeAll(async () => {
    [slack, discord, teams, sns] = await Promise.all([
      startSlackFake({ token: slackToken, channels: { C0ALERTS1: 'alerts' } }),
      startDiscordFake({ token: discordToken, channels: { [DISCORD_CHANNEL]: 'alerts' } }),
      startTeamsFake({ ...teamsApp, teamId: TEAM, channels: { [TEAMS_CHANNEL]: 'Alerts' } }),
      startSnsFake(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([slack?.close(), discord?.close(), teams?.close(), sns?.close()]);
  });

  it("Slack: the posted message's ts (its channel in the response)", async () => {
    const { attempt } = await sendOne('slack', {
      bot_token: slackToken,
      channel: 'C0ALERTS1',
      api_base_url: slack.apiUrl,
    });
    const posted = slack.messages.at(-1)!;
    expect(attempt.provider_message_id).toBe(posted.ts);
    expect(attempt.response).toMatchObject({ channel: 'C0ALERTS1', ts: posted.ts });
  });

  it("Discord: the created message's id", async () => {
    const { attempt } = await sendOne('discord', {
      bot_token: discordToken,
      channel_id: DISCORD_CHANNEL,
      api_base_url: discord.apiUrl,
    });
    expect(attempt.provider_message_id).toBe(discord.messages.at(-1)!.id);
  });

  it("Teams: a Workflows webhook's flow run id, and Graph's chatMessage id", async () => {
    const webhook = await sendOne('teams', { target: { mode: 'webhook', webhook_url: teams.webhookUrl } });
    const run = teams.cards.filter((card) => card.surface === 'webhook').at(-1)!;
    expect(webhook.attempt.provider_message_id).toBe(run.id);

    const graph = await sendOne('teams', {
      target: {
        mode: 'graph',
        tenant_id: teamsApp.tenant,
        client_id: teamsApp.clientId,
        client_secret: teamsApp.clientSecret,
        team_id: TEAM,
        channel_id: TEAMS_CHANNEL,
        graph_base_url: teams.graphUrl,
        token_url: teams.tokenUrl(teamsApp.tenant),
      },
    });
    const created = teams.cards.filter((card) => card.surface === 'graph').at(-1)!;
    expect(graph.attempt.provider_message_id).toBe(created.id);
  });

  it('SNS: the MessageId of the Publish', async () => {
    const { attempt } = await sendOne(
      'sns',
      {
        region: sns.region,
        access_key_id: sns.accessKeyId,
        secret_access_key: sns.secretAccessKey,
        endpoint: sns.url,
      },
      '+14155552671',
    );
    expect(sns.published.has(attempt.provider_message_id as string)).toBe(true);
    expect(attempt.response).toMatchObject({ message_id: attempt.provider_message_id });
  });
});
