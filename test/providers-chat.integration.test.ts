import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discordProvider } from '../lib/channels/providers/discord';
import { slackProvider } from '../lib/channels/providers/slack';
import { teamsProvider } from '../lib/channels/providers/teams';
import type { OutgoingMessage } from '../lib/channels/types';
import { type DiscordFake, startDiscordFake } from './fakes/discord';
import { type SlackFake, startSlackFake } from './fakes/slack';
import { startTeamsFake, type TeamsFake } from './fakes/teams';
import { uniq } from './support/factories';
import { startHttpSink } from './support/http-sink';
import { check, deadUrl, failure, type Json, providerSender, testSend } from './support/provider-harness';

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const id = randomUUID();
  return {
    id,
    idempotencyKey: `run:${id}`,
    to: '',
    subject: null,
    body: 'Disk almost full on db-1',
    ...overrides,
  };
}

const send = providerSender(message);

describe('slack', () => {
  const token = `xoxb-${uniq()}-${uniq()}-${uniq()}`;
  let slack: SlackFake;
  const config = (extra: Json = {}) => ({
    bot_token: token,
    channel: 'C0ALERTS1',
    api_base_url: slack.apiUrl,
    ...extra,
  });

  beforeAll(async () => {
    slack = await startSlackFake({ token, channels: { C0ALERTS1: 'alerts', C0GENERAL: 'general' } });
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.requests.length = 0;
    slack.fail(null);
  });

  it('posts text and blocks with chat.postMessage, in a thread; the ts is the message id', async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Disk alert' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*db-1* is at 97%' } },
    ];
    const result = await send(
      slackProvider,
      config(),
      message({ subject: 'Disk alert', content: { blocks, thread_ts: '1712345678.000100' } }),
    );

    expect(slack.requests).toHaveLength(1);
    const [request] = slack.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/api/chat.postMessage',
      call: 'chat.postMessage',
    });
    expect(request!.headers.authorization).toBe(`Bearer ${token}`);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.args).toMatchObject({
      channel: 'C0ALERTS1',
      text: '*Disk alert*\nDisk almost full on db-1',
      thread_ts: '1712345678.000100',
    });
    expect(JSON.parse(request!.args.blocks!)).toEqual(blocks);
    const [posted] = slack.messages;
    expect(result.providerMessageId).toBe(posted!.ts);
    expect(result.response).toEqual({ ok: true, channel: 'C0ALERTS1', ts: posted!.ts });
    expect(result.request).toMatchObject({ method: 'chat.postMessage', channel: 'C0ALERTS1', blocks: 2 });
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('renders the blocks template from the config; a recipient overrides the channel', async () => {
    const template = JSON.stringify([
      { type: 'section', text: { type: 'mrkdwn', text: '{{ body }} ({{ content.host }})' } },
    ]).replace(
      '"{{ body }} ({{ content.host }})"',
      '{{ body | append: " (" | append: content.host | append: ")" | json }}',
    );
    await send(
      slackProvider,
      config({ blocks: template }),
      message({ to: '#general', body: 'He said "full"', content: { host: 'db-1' } }),
    );
    const [request] = slack.requests;
    expect(request!.args.channel).toBe('#general');
    expect(JSON.parse(request!.args.blocks!)).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'He said "full" (db-1)' } },
    ]);
    expect(slack.messages.at(-1)!.channel).toBe('C0GENERAL');
  });

  it('uploads files with the files.uploadV2 flow into the same channel and thread', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    const result = await send(
      slackProvider,
      config(),
      message({
        content: {
          thread_ts: '1712345678.000200',
          files: [
            { filename: 'report.csv', content: 'host,usage\ndb-1,97\n', title: 'Usage' },
            { filename: 'graph.png', content_base64: png.toString('base64') },
          ],
        },
      }),
    );
    expect(slack.requests.map((r) => r.call)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.getUploadURLExternal',
      'upload',
      'upload',
      'files.completeUploadExternal',
    ]);
    const urls = slack.requests.filter((r) => r.call === 'files.getUploadURLExternal');
    expect(urls.map((r) => [r.args.filename, r.args.length])).toEqual([
      ['report.csv', '19'],
      ['graph.png', '12'],
    ]);
    const complete = slack.requests.at(-1)!;
    expect(complete.args).toMatchObject({ channel_id: 'C0ALERTS1', thread_ts: '1712345678.000200' });
    expect(slack.files.map((f) => [f.filename, f.title, f.channel, f.thread_ts])).toEqual([
      ['report.csv', 'Usage', 'C0ALERTS1', '1712345678.000200'],
      ['graph.png', 'graph.png', 'C0ALERTS1', '1712345678.000200'],
    ]);
    expect(slack.files[0]!.data.toString()).toBe('host,usage\ndb-1,97\n');
    expect(slack.files[1]!.data.equals(png)).toBe(true);
    expect(result.response).toMatchObject({
      ok: true,
      files: { ok: true, ids: slack.files.map((f) => f.id) },
    });
  });

  it('refuses malformed content before calling Slack', async () => {
    const error = await failure(send(slackProvider, config(), message({ content: { blocks: 'nope' } })));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('content.blocks');
    expect(slack.requests).toHaveLength(0);
  });

  it.each([
    ['invalid_auth', 'permanent'],
    ['channel_not_found', 'permanent'],
    ['not_in_channel', 'permanent'],
    ['internal_error', 'retryable'],
  ])('classifies {ok: false, error: %s} as %s', async (code, kind) => {
    slack.fail({ type: 'platform', error: code });
    const error = await failure(send(slackProvider, config()));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(code);
    expect(error.details.response).toMatchObject({ ok: false, error: code });
  });

  it('a wrong token is refused (invalid_auth) for good, with the reason and without the token', async () => {
    const wrong = `xoxb-${uniq()}-wrong`;
    const error = await failure(send(slackProvider, config({ bot_token: wrong })));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe('Slack refused the bot token (invalid_auth)');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(wrong);
  });

  it('a 429 is retryable after Retry-After, and the SDK does not retry by itself', async () => {
    slack.fail({ type: 'rate_limited', retryAfterSeconds: 7 });
    const error = await failure(send(slackProvider, config()));
    expect(error.kind).toBe('retryable');
    expect(error.details.retryAfterMs).toBe(7_000);
    expect(error.details.responseCode).toBe(429);
    expect(slack.requests).toHaveLength(1);
  });

  it('a 500 is retryable, once', async () => {
    slack.fail({ type: 'server_error' });
    const error = await failure(send(slackProvider, config()));
    expect(error.kind).toBe('retryable');
    expect(error.details.responseCode).toBe(500);
    expect(slack.requests).toHaveLength(1);
  });

  it('a Slack that never answers is a retryable timeout within the budget', async () => {
    slack.fail({ type: 'hang' });
    const started = Date.now();
    const error = await failure(send(slackProvider, config(), message(), 300));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('within 300 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an API that is down is retryable; a private address not allow-listed is refused for good', async () => {
    const error = await failure(send(slackProvider, config({ api_base_url: `${await deadUrl()}/api/` })));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('ECONNREFUSED');
    const refused = await failure(send(slackProvider, config({ api_base_url: 'http://10.1.2.3/api/' })));
    expect(refused.kind).toBe('permanent');
    expect(refused.message).toContain('OUTBOUND_ALLOWLIST');
  });

  it('check authenticates with auth.test and looks the channel up, without posting', async () => {
    expect(await check(slackProvider, config())).toEqual({
      ok: true,
      detail: 'authenticated as switchboard in workspace Fake Workspace; channel C0ALERTS1 found',
    });
    expect(slack.requests.map((r) => r.call)).toEqual(['auth.test', 'conversations.info']);

    const missing = await check(slackProvider, config({ channel: 'C0MISSING' }));
    expect(missing).toMatchObject({ ok: false, detail: expect.stringContaining('channel_not_found') });
    const wrong = await check(slackProvider, config({ bot_token: 'xoxb-wrong-token' }));
    expect(wrong).toEqual({ ok: false, detail: 'Slack refused the bot token (invalid_auth)' });
  });

  it('with only chat:write: check cannot look the channel up, and files are reported, not retried', async () => {
    const narrow = await startSlackFake({ token, channels: { C0ALERTS1: 'alerts' }, scopes: ['chat:write'] });
    try {
      const narrowConfig = config({ api_base_url: narrow.apiUrl });
      expect(await check(slackProvider, narrowConfig)).toEqual({
        ok: true,
        detail:
          'authenticated as switchboard in workspace Fake Workspace; channel not checked: ' +
          'the bot token lacks a scope (missing_scope, needs channels:read)',
      });
      const result = await send(
        slackProvider,
        narrowConfig,
        message({ content: { files: [{ filename: 'a.txt', content: 'a' }] } }),
      );
      expect(result.providerMessageId).toBe(narrow.messages[0]!.ts);
      expect(result.response).toMatchObject({
        files: { ok: false, error: 'the bot token lacks a scope (missing_scope, needs files:write)' },
      });
      expect(narrow.files).toHaveLength(0);
    } finally {
      await narrow.close();
    }
  });

  it('sends a test message through the channel test route', async () => {
    const body = await testSend('slack', config());
    expect(body).toMatchObject({ ok: true, provider_message_id: slack.messages.at(-1)!.ts });
    expect(slack.messages.at(-1)!.text).toContain('This is a test message from Switchboard');
  });
});

describe('discord', () => {
  const token = `MTEwMDAwMDAwMDAwMDAwMDAwMQ.${uniq()}.${uniq()}${uniq()}`;
  const CHANNEL = '1300000000000000001';
  const OTHER = '1300000000000000002';
  const HIDDEN = '1300000000000000009';
  let discord: DiscordFake;
  const config = (extra: Json = {}) => ({
    bot_token: token,
    channel_id: CHANNEL,
    api_base_url: discord.apiUrl,
    ...extra,
  });

  beforeAll(async () => {
    discord = await startDiscordFake({
      token,
      channels: { [CHANNEL]: 'alerts', [OTHER]: 'ops' },
      forbidden: [HIDDEN],
    });
  });
  afterAll(() => discord.close());
  beforeEach(() => {
    discord.requests.length = 0;
    discord.fail(null);
  });

  it('creates the message with content and embeds as JSON; the message id is the provider id', async () => {
    const embeds = [
      {
        title: 'db-1',
        description: 'Disk at 97%',
        color: 0xff0000,
        fields: [{ name: 'Host', value: 'db-1' }],
      },
    ];
    const msg = message({ subject: 'Disk alert', content: { embeds } });
    const result = await send(discordProvider, config(), msg);

    expect(discord.requests).toHaveLength(1);
    const [request] = discord.requests;
    expect(request).toMatchObject({ method: 'POST', path: `/api/v10/channels/${CHANNEL}/messages` });
    expect(request!.headers.authorization).toBe(`Bot ${token}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['user-agent']).toMatch(/^DiscordBot \(/);
    expect(request!.json).toEqual({
      content: '**Disk alert**\nDisk almost full on db-1',
      embeds,
      allowed_mentions: { parse: ['users', 'roles'] },
      nonce: expect.stringMatching(/^[\w-]{25}$/),
      enforce_nonce: true,
    });
    const [created] = discord.messages;
    expect(result.providerMessageId).toBe(created!.id);
    expect(result.response).toEqual({ id: created!.id, channel_id: CHANNEL });
    expect(result.request).toMatchObject({ method: 'POST', channel_id: CHANNEL, embeds: 1 });
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('a retried send returns the first message instead of posting twice (enforce_nonce)', async () => {
    const before = discord.messages.length;
    const msg = message({ to: OTHER });
    const first = await send(discordProvider, config(), msg);
    const again = await send(discordProvider, config(), { ...msg, id: randomUUID() });
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(discord.messages.length).toBe(before + 1);
    expect(discord.messages.at(-1)!.channel_id).toBe(OTHER);
  });

  it('sends files as multipart with payload_json and adds reactions, paced by the SDK', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    const result = await send(
      discordProvider,
      config({ reactions: ['👀'] }),
      message({
        content: {
          files: [
            { filename: 'report.csv', content: 'host,usage\ndb-1,97\n', description: 'Usage' },
            { filename: 'graph.png', content_base64: png.toString('base64') },
          ],
          reactions: ['✅', '🚀', 'party_blob:1400000000000000001'],
        },
      }),
    );
    const [create, ...reactions] = discord.requests;
    expect(create!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(create!.json).toMatchObject({
      content: 'Disk almost full on db-1',
      attachments: [
        { id: 0, filename: 'report.csv', description: 'Usage' },
        { id: 1, filename: 'graph.png' },
      ],
    });
    expect(create!.files['files[0]']!.data.toString()).toBe('host,usage\ndb-1,97\n');
    expect(create!.files['files[1]']!.data.equals(png)).toBe(true);
    expect(create!.files['files[1]']!.type).toBe('image/png');
    const created = discord.messages.at(-1)!;
    expect(created.attachments.map((a) => a.filename)).toEqual(['report.csv', 'graph.png']);
    // The second reaction meets the bucket the first one revealed (429) and is sent again after retry_after.
    expect([...new Set(reactions.map((r) => `${r.method} ${r.path}`))]).toEqual(
      ['%E2%9C%85', '%F0%9F%9A%80', 'party_blob%3A1400000000000000001'].map(
        (emoji) => `PUT /api/v10/channels/${CHANNEL}/messages/${created.id}/reactions/${emoji}/@me`,
      ),
    );
    expect(created.reactions).toEqual(['✅', '🚀', 'party_blob:1400000000000000001']);
    expect(result.response).toMatchObject({
      attachments: [{ filename: 'report.csv' }, { filename: 'graph.png' }],
      reactions: { '✅': 'ok', '🚀': 'ok', 'party_blob:1400000000000000001': 'ok' },
    });
  });

  it("a wrong token is a permanent 401 with Discord's reason", async () => {
    const wrong = `MTEw.${uniq()}.wrong`;
    const error = await failure(send(discordProvider, config({ bot_token: wrong })));
    expect(error.kind).toBe('permanent');
    expect(error.details.responseCode).toBe(401);
    expect(error.message).toBe('Discord refused the bot token (HTTP 401, code 0): 401: Unauthorized');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(wrong);

    discord.fail({ type: 'unauthorized' });
    expect((await failure(send(discordProvider, config()))).details.responseCode).toBe(401);
  });

  it.each([
    ['a channel the bot cannot see', { to: HIDDEN }, 403, 'code 50001): Missing Access'],
    ['an empty message', { body: '' }, 400, 'code 50006): Cannot send an empty message'],
    [
      'content over 2000 characters',
      { body: 'x'.repeat(2001) },
      400,
      'content[BASE_TYPE_MAX_LENGTH]: Must be 2000',
    ],
  ])('refuses %s for good', async (_, overrides, status, reason) => {
    const error = await failure(
      send(discordProvider, config(), message(overrides as Partial<OutgoingMessage>)),
    );
    expect(error.kind).toBe('permanent');
    expect(error.details.responseCode).toBe(status);
    expect(error.message).toContain(reason);
  });

  it('a 429 is retryable after retry_after, and the SDK does not wait and resend', async () => {
    discord.fail({ type: 'rate_limited', retryAfterSeconds: 1.5 });
    const started = Date.now();
    const error = await failure(send(discordProvider, config()));
    expect(error.kind).toBe('retryable');
    expect(error.details.retryAfterMs).toBe(1_500);
    expect(error.details.responseCode).toBe(429);
    expect(discord.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a 500 is retryable, once', async () => {
    discord.fail({ type: 'server_error' });
    const error = await failure(send(discordProvider, config()));
    expect(error.kind).toBe('retryable');
    expect(error.details.responseCode).toBe(500);
    expect(discord.requests).toHaveLength(1);
  });

  it('a Discord that never answers is a retryable timeout within the budget', async () => {
    discord.fail({ type: 'hang' });
    const started = Date.now();
    const error = await failure(send(discordProvider, config(), message(), 300));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('within 300 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(discord.requests).toHaveLength(1);
  });

  it('an API that is down is retryable; a private address not allow-listed is refused for good', async () => {
    const error = await failure(send(discordProvider, config({ api_base_url: `${await deadUrl()}/api` })));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('ECONNREFUSED');
    const refused = await failure(send(discordProvider, config({ api_base_url: 'http://10.1.2.3/api' })));
    expect(refused.kind).toBe('permanent');
    expect(refused.message).toContain('OUTBOUND_ALLOWLIST');
  });

  it('check reads the bot user and the channel, without posting', async () => {
    expect(await check(discordProvider, config())).toEqual({
      ok: true,
      detail: 'authenticated as switchboard-bot (1100000000000000001); channel #alerts is visible to the bot',
    });
    expect(discord.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v10/users/%40me',
      `GET /api/v10/channels/${CHANNEL}`,
    ]);
    expect(await check(discordProvider, config({ channel_id: HIDDEN }))).toMatchObject({
      ok: false,
      detail: expect.stringContaining('Missing Access'),
    });
    expect(await check(discordProvider, config({ bot_token: 'MTEw.bad.token' }))).toEqual({
      ok: false,
      detail: 'Discord refused the bot token (HTTP 401, code 0): 401: Unauthorized',
    });
  });

  it('sends a test message through the channel test route', async () => {
    const body = await testSend('discord', config());
    expect(body).toMatchObject({ ok: true, provider_message_id: discord.messages.at(-1)!.id });
    expect(discord.messages.at(-1)!.content).toContain('This is a test message from Switchboard');
  });
});

describe('teams', () => {
  const TENANT = 'contoso.onmicrosoft.com';
  const CLIENT_ID = randomUUID();
  const SECRET = `sec~${uniq()}${uniq()}`;
  const TEAM = randomUUID();
  const CHANNEL = '19:a1b2c3d4e5@thread.tacv2';
  let teams: TeamsFake;
  const webhook = (url = teams.webhookUrl) => ({ target: { mode: 'webhook', webhook_url: url } });
  const graph = (extra: Json = {}) => ({
    target: {
      mode: 'graph',
      tenant_id: TENANT,
      client_id: CLIENT_ID,
      client_secret: SECRET,
      team_id: TEAM,
      channel_id: CHANNEL,
      graph_base_url: teams.graphUrl,
      token_url: teams.tokenUrl(TENANT),
      ...extra,
    },
  });
  const alert = (overrides: Partial<OutgoingMessage> = {}) =>
    message({
      subject: 'Disk alert',
      content: {
        facts: [
          { title: 'Host', value: 'db-1' },
          { title: 'Usage', value: 97 },
        ],
        actions: [{ title: 'Open runbook', url: 'https://runbooks.example.com/disk' }],
      },
      ...overrides,
    });
  const expectedCard = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      {
        type: 'TextBlock',
        text: 'Disk alert',
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
        style: 'heading',
      },
      { type: 'TextBlock', text: 'Disk almost full on db-1', wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Host', value: 'db-1' },
          { title: 'Usage', value: '97' },
        ],
      },
    ],
    actions: [{ type: 'Action.OpenUrl', title: 'Open runbook', url: 'https://runbooks.example.com/disk' }],
    msteams: { width: 'Full' },
  };

  beforeAll(async () => {
    teams = await startTeamsFake({
      tenant: TENANT,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      teamId: TEAM,
      channels: { [CHANNEL]: 'Alerts' },
    });
  });
  afterAll(() => teams.close());
  beforeEach(() => {
    teams.requests.length = 0;
    teams.fail(null);
  });

  describe('webhook mode', () => {
    it('posts an Adaptive Card message to the Workflows URL; the flow run id is the provider id', async () => {
      const result = await send(teamsProvider, webhook(), alert());
      expect(teams.requests).toHaveLength(1);
      const [request] = teams.requests;
      expect(request).toMatchObject({ method: 'POST', surface: 'webhook' });
      expect(request!.query.sig).toBe(new URL(teams.webhookUrl).searchParams.get('sig'));
      expect(request!.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request!.body)).toEqual({
        type: 'message',
        attachments: [
          { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: expectedCard },
        ],
      });
      expect(result.providerMessageId).toBe(teams.cards.at(-1)!.id);
      expect(result.responseCode).toBe(202);
      // The URL is the secret: neither its path nor its signature may show up.
      expect(result.request).toMatchObject({ mode: 'webhook', url: `${teams.url}/…` });
      const sig = new URL(teams.webhookUrl).searchParams.get('sig')!;
      expect(JSON.stringify(result)).not.toContain(sig);
      expect(JSON.stringify(result)).not.toContain('/workflows/');
    });

    it('takes facts as an object too, and refuses a bad action URL before posting', async () => {
      await send(teamsProvider, webhook(), message({ content: { facts: { Host: 'db-1', Healthy: false } } }));
      expect(teams.cards.at(-1)!.card.body).toEqual([
        { type: 'TextBlock', text: 'Disk almost full on db-1', wrap: true },
        {
          type: 'FactSet',
          facts: [
            { title: 'Host', value: 'db-1' },
            { title: 'Healthy', value: 'false' },
          ],
        },
      ]);
      teams.requests.length = 0;
      const error = await failure(
        send(
          teamsProvider,
          webhook(),
          message({ content: { actions: [{ title: 'x', url: 'javascript:alert(1)' }] } }),
        ),
      );
      expect(error.kind).toBe('permanent');
      expect(error.message).toContain('content.actions.0.url');
      expect(teams.requests).toHaveLength(0);
    });

    it('a wrong signature is a permanent 401 with the reason, and the URL stays hidden', async () => {
      const error = await failure(send(teamsProvider, webhook(teams.forgedWebhookUrl), alert()));
      expect(error.kind).toBe('permanent');
      expect(error.details.responseCode).toBe(401);
      expect(error.message).toBe(
        'the Teams webhook refused the credentials (HTTP 401): DirectApiInvalidAuthorizationSignature: The provided authorization signature is not valid.',
      );
      expect(JSON.stringify(error.details)).not.toContain(
        new URL(teams.forgedWebhookUrl).searchParams.get('sig')!,
      );
    });

    it('429 is retryable after Retry-After; 503 is retryable', async () => {
      teams.fail({ type: 'rate_limited', retryAfterSeconds: 30 });
      const limited = await failure(send(teamsProvider, webhook(), alert()));
      expect(limited).toMatchObject({
        kind: 'retryable',
        details: { responseCode: 429, retryAfterMs: 30_000 },
      });
      teams.fail({ type: 'server_error' });
      const down = await failure(send(teamsProvider, webhook(), alert()));
      expect(down).toMatchObject({ kind: 'retryable', details: { responseCode: 503 } });
      expect(down.message).toContain('ServiceUnavailable');
    });

    it('a webhook that never answers is a retryable timeout that does not name the URL', async () => {
      teams.fail({ type: 'hang' });
      const started = Date.now();
      const error = await failure(send(teamsProvider, webhook(), alert(), 300));
      expect(error.kind).toBe('retryable');
      expect(error.message).toBe(`no complete response from ${teams.url}/… within 300 ms`);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('reads a legacy incoming webhook\'s "200, but returned HTTP error 429" as a 429', async () => {
      const legacy = await startHttpSink();
      try {
        legacy.respondWith(() => ({
          status: 200,
          body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-canary-eus2-0,cv=abc.',
        }));
        const error = await failure(
          send(teamsProvider, webhook(`${legacy.url}/webhookb2/${randomUUID()}/IncomingWebhook/x`), alert()),
        );
        expect(error).toMatchObject({ kind: 'retryable', details: { responseCode: 429 } });
        legacy.respondWith(() => ({ status: 200, body: '1' }));
        const ok = await send(teamsProvider, webhook(`${legacy.url}/webhookb2/x`), alert());
        expect(ok).toMatchObject({ providerMessageId: null, responseCode: 200 });
      } finally {
        await legacy.close();
      }
    });

    it('check connects to the host without posting anything', async () => {
      expect(await check(teamsProvider, webhook())).toEqual({
        ok: true,
        detail: `connected to 127.0.0.1:${new URL(teams.url).port}; nothing was sent (a webhook cannot be checked without posting)`,
      });
      expect(teams.requests).toHaveLength(0);
      const down = await startHttpSink();
      await down.close();
      expect(await check(teamsProvider, webhook(`${down.url}/x`))).toMatchObject({
        ok: false,
        detail: expect.stringContaining('ECONNREFUSED'),
      });
    });

    it('sends a test message through the channel test route', async () => {
      const body = await testSend('teams', webhook());
      expect(body).toMatchObject({ ok: true, provider_message_id: teams.cards.at(-1)!.id });
      expect(JSON.stringify(teams.cards.at(-1)!.card)).toContain('This is a test message from Switchboard');
    });
  });

  describe('graph mode', () => {
    it('gets a client-credentials token, then posts the card as a chatMessage attachment', async () => {
      teams.revokeTokens();
      const msg = alert();
      const result = await send(teamsProvider, graph(), msg);
      const [tokenRequest, post] = teams.requests;
      expect(tokenRequest).toMatchObject({
        method: 'POST',
        path: `/${TENANT}/oauth2/v2.0/token`,
        surface: 'token',
      });
      expect(tokenRequest!.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(tokenRequest!.body))).toEqual({
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: SECRET,
        scope: 'https://graph.microsoft.com/.default',
      });
      expect(post).toMatchObject({
        method: 'POST',
        path: `/v1.0/teams/${TEAM}/channels/${encodeURIComponent(CHANNEL)}/messages`,
      });
      expect(post!.headers.authorization).toMatch(/^Bearer [\w-]{40,}$/);
      const body = JSON.parse(post!.body);
      const attachmentId = msg.id.replace(/-/g, '');
      expect(body.body).toEqual({
        contentType: 'html',
        content: `<attachment id="${attachmentId}"></attachment>`,
      });
      expect(body.attachments).toHaveLength(1);
      expect(body.attachments[0]).toMatchObject({
        id: attachmentId,
        contentType: 'application/vnd.microsoft.card.adaptive',
      });
      expect(JSON.parse(body.attachments[0].content)).toEqual(expectedCard);
      expect(result.providerMessageId).toBe(teams.cards.at(-1)!.id);
      expect(result.responseCode).toBe(201);
      expect(JSON.stringify(result)).not.toContain(SECRET);
    });

    it('reuses the token, and replaces a revoked one once', async () => {
      await send(teamsProvider, graph(), alert());
      teams.requests.length = 0;
      await send(teamsProvider, graph(), alert());
      expect(teams.requests.map((r) => r.surface)).toEqual(['graph']);
      teams.requests.length = 0;
      teams.revokeTokens();
      await send(teamsProvider, graph(), alert());
      expect(teams.requests.map((r) => r.surface)).toEqual(['graph', 'token', 'graph']);
    });

    it('a wrong client secret is a permanent 401 with the AADSTS reason', async () => {
      const wrong = `wrong~${uniq()}`;
      const error = await failure(send(teamsProvider, graph({ client_secret: wrong }), alert()));
      expect(error.kind).toBe('permanent');
      expect(error.details.responseCode).toBe(401);
      expect(error.message).toBe(
        'the token endpoint refused the credentials (HTTP 401): invalid_client: AADSTS7000215: Invalid client secret provided.',
      );
      expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain(wrong);
    });

    it('a 401 from Graph with a fresh token is permanent', async () => {
      teams.fail({ type: 'unauthorized' }, ['graph']);
      const error = await failure(send(teamsProvider, graph(), alert()));
      expect(error).toMatchObject({ kind: 'permanent', details: { responseCode: 401 } });
      expect(error.message).toContain('InvalidAuthenticationToken');
    });

    it('429 (Retry-After) and 503 from Graph are retryable; so is a token endpoint that hangs', async () => {
      await send(teamsProvider, graph(), alert()); // a token in the cache
      teams.fail({ type: 'rate_limited', retryAfterSeconds: 4 }, ['graph']);
      expect(await failure(send(teamsProvider, graph(), alert()))).toMatchObject({
        kind: 'retryable',
        details: { responseCode: 429, retryAfterMs: 4_000 },
      });
      teams.fail({ type: 'server_error' }, ['graph']);
      expect((await failure(send(teamsProvider, graph(), alert()))).kind).toBe('retryable');

      teams.fail({ type: 'hang' }, ['token']);
      const started = Date.now();
      const error = await failure(
        send(teamsProvider, graph({ client_secret: `other~${uniq()}` }), alert(), 300),
      );
      expect(error.kind).toBe('retryable');
      expect(error.message).toContain('within 300 ms');
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('check gets a token and reads the channel', async () => {
      expect(await check(teamsProvider, graph())).toEqual({
        ok: true,
        detail: `got a token for client ${CLIENT_ID}; channel "Alerts" found in team ${TEAM}`,
      });
      expect(teams.requests.filter((r) => r.surface === 'graph').map((r) => r.method)).toEqual(['GET']);
      expect(await check(teamsProvider, graph({ channel_id: '19:missing@thread.tacv2' }))).toEqual({
        ok: false,
        detail: 'Microsoft Graph answered (HTTP 404): NotFound: Channel not found.',
      });
      expect(await check(teamsProvider, graph({ client_secret: 'nope' }))).toMatchObject({
        ok: false,
        detail: expect.stringContaining('AADSTS7000215'),
      });
    });

    it('sends a test message through the channel test route', async () => {
      const body = await testSend('teams', graph());
      expect(body).toMatchObject({ ok: true, provider_message_id: teams.cards.at(-1)!.id });
    });
  });
});
