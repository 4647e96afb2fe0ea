import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as keyItem from '../../app/api/v1/api-keys/[id]/route';
import * as keys from '../../app/api/v1/api-keys/route';
import * as channelItem from '../../app/api/v1/channels/[id]/route';
import * as channels from '../../app/api/v1/channels/route';
import * as triggerItem from '../../app/api/v1/triggers/[id]/route';
import * as triggers from '../../app/api/v1/triggers/route';
import * as userItem from '../../app/api/v1/users/[id]/route';
import * as users from '../../app/api/v1/users/route';
import { call, makeApiKey, makeWorkflow, uniq } from '../support/factories';
import { apiRoutes } from './route-tree';
import { registerSecret } from './secret-registry';

// Every kind of secret-bearing object, created through the API: no response (create, update, item, list, nor
// any other read of the API) may contain a plaintext secret; stored secrets come back masked.

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROOT = path.resolve(import.meta.dirname, '../..');
const secrets: { kind: string; value: string }[] = [];
const responses: { what: string; text: string }[] = [];
let admin: string;

function secret(kind: string, value: string): string {
  secrets.push({ kind, value });
  registerSecret(kind, value);
  return value;
}

async function record(
  what: string,
  res: Response,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = await res.text();
  responses.push({ what, text });
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

const api = (handler: Handler, init: Parameters<typeof call>[1] = {}) =>
  call(handler, { key: admin, ...init });

function leaksIn(text: string, allowed: string[] = []): string[] {
  return secrets
    .filter(({ value }) => !allowed.includes(value))
    .filter(({ value }) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)))
    .map(({ kind }) => kind);
}

const channelDrafts = () => [
  {
    provider: 'webhook',
    config: {
      url: 'https://hooks.example.test/in',
      auth: {
        type: 'bearer',
        token: secret('webhook bearer token', `tok-${randomBytes(16).toString('hex')}`),
      },
      signing_secret: secret('webhook signing secret', `whsec_${randomBytes(32).toString('base64')}`),
    },
  },
  {
    provider: 'webhook',
    config: {
      url: 'https://hooks.example.test/in',
      auth: {
        type: 'basic',
        username: 'u',
        password: secret('webhook basic password', `pw-${uniq()}${uniq()}`),
      },
    },
  },
  {
    provider: 'smtp',
    config: {
      host: 'mail.example.test',
      username: 'mailer',
      password: secret('SMTP password', `smtp-${randomBytes(12).toString('hex')}`),
      from: 'noreply@example.test',
    },
  },
  {
    provider: 'twilio',
    config: {
      account_sid: `AC${randomBytes(16).toString('hex')}`,
      auth_token: secret('Twilio auth token', randomBytes(16).toString('hex')),
      from: '+15005550006',
    },
  },
  {
    provider: 'sendgrid',
    config: {
      api_key: secret(
        'SendGrid API key',
        `SG.${randomBytes(8).toString('hex')}.${randomBytes(16).toString('hex')}`,
      ),
      from: 'noreply@example.test',
    },
  },
  {
    provider: 'slack',
    config: {
      bot_token: secret('Slack bot token', `xoxb-${randomBytes(16).toString('hex')}`),
      channel: 'C123',
    },
  },
];

describe('secrets never come back from the API', () => {
  beforeAll(async () => {
    admin = secret('API key', (await makeApiKey('admin')).key);
  });
  // Each test checks the answers it got itself (the API-key test's create answer shows the new key, once).
  beforeEach(() => {
    responses.length = 0;
  });

  it('channel credentials: masked in create, update, item and list answers', async () => {
    for (const draft of channelDrafts()) {
      const created = await record(
        `POST channel ${draft.provider}`,
        await api(channels.POST, { method: 'POST', body: { name: `sec-${uniq()}`, ...draft } }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as string;
      expect(JSON.stringify(created.body.config)).toMatch(/••••/);
      await record(`GET channel ${draft.provider}`, await api(channelItem.GET, { params: { id } }));
      const patched = await record(
        `PATCH channel ${draft.provider}`,
        await api(channelItem.PATCH, {
          method: 'PATCH',
          params: { id },
          body: { config: created.body.config },
        }),
      );
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
    await record('GET channels', await api(channels.GET, { path: '/api/v1/channels' }));
    for (const { what, text } of responses) expect(leaksIn(text), what).toEqual([]);
  });

  it('trigger signing secrets: masked in create, update, item and list answers', async () => {
    const workflow = await makeWorkflow();
    const verifications = [
      {
        type: 'hmac',
        header: 'X-Signature',
        secret: secret('HMAC signing secret', `hmac-${randomBytes(16).toString('hex')}`),
      },
      {
        type: 'standard',
        secret: secret('Standard Webhooks secret', `whsec_${randomBytes(32).toString('base64')}`),
      },
    ];
    for (const verification of verifications) {
      const created = await record(
        `POST trigger ${verification.type}`,
        await api(triggers.POST, {
          method: 'POST',
          body: {
            name: `sec-${uniq()}`,
            type: 'webhook',
            workflow_id: workflow.id,
            config: { verification, event_type: 'x.created' },
          },
        }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as string;
      await record('GET trigger', await api(triggerItem.GET, { params: { id } }));
      const patched = await record(
        'PATCH trigger',
        await api(triggerItem.PATCH, {
          method: 'PATCH',
          params: { id },
          body: { config: created.body.config },
        }),
      );
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
    await record('GET triggers', await api(triggers.GET, { path: '/api/v1/triggers' }));
    for (const { what, text } of responses) expect(leaksIn(text), what).toEqual([]);
  });

  it('API keys: the new key is shown once, in its create answer, and never again', async () => {
    const created = await record(
      'POST api key',
      await api(keys.POST, { method: 'POST', body: { name: `sec-${uniq()}`, scope: 'trigger' } }),
    );
    expect(created.status).toBe(201);
    const key = secret('API key', created.body.key as string);
    expect(created.body.key).toBe(key);
    const res = await record('GET api keys', await api(keys.GET, { path: '/api/v1/api-keys' }));
    expect(res.status).toBe(200);
    const id = created.body.id as string;
    expect(
      responses.filter(({ what }) => what !== 'POST api key').flatMap(({ text }) => leaksIn(text)),
    ).toEqual([]);
    await record('DELETE api key', await api(keyItem.DELETE, { method: 'DELETE', params: { id } }));
    expect(leaksIn(responses.at(-1)!.text)).toEqual([]);
  });

  it('passwords: neither the password nor its hash in user answers', async () => {
    const password = secret('user password', `pw-${randomBytes(12).toString('hex')}`);
    const created = await record(
      'POST user',
      await api(users.POST, {
        method: 'POST',
        body: { email: `sec-${uniq()}@example.test`, password, role: 'viewer' },
      }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const newPassword = secret('user password', `pw-${randomBytes(12).toString('hex')}`);
    await record(
      'PATCH user',
      await api(userItem.PATCH, { method: 'PATCH', params: { id }, body: { password: newPassword } }),
    );
    await record('GET users', await api(users.GET, { path: '/api/v1/users' }));
    for (const { what, text } of responses) {
      expect(leaksIn(text), what).toEqual([]);
      expect(text, what).not.toMatch(/\$argon2/);
    }
  });

  it('no read of the API shows any secret created above', async () => {
    // Every collection the tree has (routes without a dynamic segment that answer GET).
    const collections = apiRoutes().filter(
      (route) => route.methods.includes('GET') && !route.template.includes('['),
    );
    expect(collections.length).toBeGreaterThan(10);
    for (const route of collections) {
      const module = (await import(path.join(ROOT, route.file))) as Record<string, Handler>;
      const res = await api(module.GET!, { path: route.template });
      const text = await res.text();
      expect(leaksIn(text), route.template).toEqual([]);
      expect(text, route.template).not.toMatch(/\$argon2|-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
    expect(secrets.length).toBeGreaterThanOrEqual(12);
  });
});
