import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackProvider } from '../../lib/channels/providers/slack';
import { type SlackFake, startSlackFake } from '../fakes/slack';
import { chatMessage as message } from '../support/chat-providers';
import { uniq } from '../support/factories';
import { check, deadUrl, failure, type Json, providerSender, testSend } from '../support/provider-harness';

/*
 * Slack through @slack/web-api against the strict Slack fake (test/fakes/slack.ts): chat.postMessage with text,
 * blocks and threads, the files.uploadV2 flow, how {ok: false} codes, 429, 5xx, a hang and an unreachable API are
 * classified, and the check (auth.test, conversations.info).
 */

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
