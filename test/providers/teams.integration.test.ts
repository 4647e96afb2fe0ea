import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { teamsProvider } from '../../lib/channels/providers/teams';
import type { OutgoingMessage } from '../../lib/channels/types';
import { startTeamsFake, type TeamsFake } from '../fakes/teams';
import { chatMessage as message } from '../support/chat-providers';
import { uniq } from '../support/factories';
import { startHttpSink } from '../support/http-sink';
import { check, failure, type Json, providerSender, testSend } from '../support/provider-harness';

/*
 * Microsoft Teams against the strict Teams fake (test/fakes/teams.ts), in both modes: an Adaptive Card posted to
 * an incoming webhook / Workflows URL (which is the secret, so it never shows), and a chatMessage posted through
 * Microsoft Graph with a client-credentials token; how refusals, 429, 5xx and hangs are classified.
 */

const send = providerSender(message);

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
