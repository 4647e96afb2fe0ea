import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discordProvider } from '../../lib/channels/providers/discord';
import type { OutgoingMessage } from '../../lib/channels/types';
import { type DiscordFake, startDiscordFake } from '../fakes/discord';
import { chatMessage as message } from '../support/chat-providers';
import { uniq } from '../support/factories';
import { check, deadUrl, failure, type Json, providerSender, testSend } from '../support/provider-harness';

/*
 * Discord through discord.js's REST client against the strict Discord fake (test/fakes/discord.ts): what goes
 * over the wire (path, bot token, JSON or multipart body, reactions), and how 401, 403/400, 429, 5xx, a hang and
 * an unreachable API are classified.
 */

const send = providerSender(message);

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
