import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/channels/[id]/route';
import * as providers from '../app/api/v1/channels/providers/route';
import * as collection from '../app/api/v1/channels/route';
import { providerNames } from '../lib/channels/registry';
import { loadChannelForSend } from '../lib/channels/service';
import { DeliveryError } from '../lib/channels/types';
import { decryptSecret, isEncrypted } from '../lib/crypto/secret-box';
import { db } from '../lib/db';
import { call, makeApiKey, uniq } from './support/factories';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk response JSON whose shape the test checks
type Json = Record<string, any>;

let key: string;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
});

const secretToken = () => `tok_${randomBytes(12).toString('hex')}`;

async function create(body: Json) {
  const res = await call(collection.POST, { method: 'POST', key, body });
  return { status: res.status, body: (await res.json()) as Json };
}

async function patch(id: string, body: Json) {
  const res = await call(item.PATCH, { method: 'PATCH', key, params: { id }, body });
  return { status: res.status, body: (await res.json()) as Json };
}

async function storedConfig(id: string): Promise<Json> {
  const { rows } = await db().$client.query('SELECT config FROM channels WHERE id = $1', [id]);
  return rows[0].config;
}

async function auditText(id: string): Promise<string> {
  const { rows } = await db().$client.query(
    `SELECT action, changes FROM audit_log WHERE resource_type = 'channel' AND resource_id = $1 ORDER BY id`,
    [id],
  );
  return JSON.stringify(rows);
}

const webhook = (config: Json = {}) => ({
  name: `hook-${uniq()}`,
  provider: 'webhook',
  config: { url: 'https://hooks.example.test/in', ...config },
});

describe('channels CRUD', () => {
  it('stores secrets as sb1 ciphertext and only ever shows them masked', async () => {
    const token = secretToken();
    const created = await create(webhook({ auth: { type: 'bearer', token } }));
    expect(created.status).toBe(201);
    const view = created.body;
    expect(view).toMatchObject({
      type: 'webhook',
      provider: 'webhook',
      enabled: true,
      version: 1,
      rate_limit: null,
      fallback_channel_id: null,
      retry_policy: { max_attempts: 8, base_delay_seconds: 10, max_delay_seconds: 3600 },
      config: { url: 'https://hooks.example.test/in', method: 'POST', timeout_seconds: 10 },
    });
    expect(view.config.auth).toEqual({ type: 'bearer', token: `••••${token.slice(-4)}` });
    // A signing secret was generated, and is masked like any other secret.
    expect(view.config.signing_secret).toMatch(/^••••.{4}$/);

    const stored = await storedConfig(view.id);
    expect(isEncrypted(stored.auth.token)).toBe(true);
    expect(isEncrypted(stored.signing_secret)).toBe(true);
    expect(decryptSecret(stored.auth.token)).toBe(token);
    const signingSecret = decryptSecret(stored.signing_secret);
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(stored)).not.toContain(token);

    const got = await call(item.GET, { key, params: { id: view.id } });
    const list = await call(collection.GET, { key, path: '/api/v1/channels?limit=200' });
    for (const text of [
      JSON.stringify(await got.json()),
      JSON.stringify(await list.json()),
      await auditText(view.id),
    ]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(signingSecret);
      expect(text).not.toContain('sb1:');
    }
  });

  it('PATCH with the mask keeps the stored secret; a new value replaces it', async () => {
    const token = secretToken();
    const { body: view } = await create(webhook({ auth: { type: 'bearer', token } }));
    const before = await storedConfig(view.id);

    // The console's round trip: send back what GET returned, with one setting changed.
    const kept = await patch(view.id, { config: { ...view.config, timeout_seconds: 20 } });
    expect(kept.status).toBe(200);
    expect(kept.body.version).toBe(2);
    expect(kept.body.config.timeout_seconds).toBe(20);
    const afterKeep = await storedConfig(view.id);
    expect(afterKeep.auth.token).toBe(before.auth.token);
    expect(afterKeep.signing_secret).toBe(before.signing_secret);

    const newToken = secretToken();
    const replaced = await patch(view.id, {
      config: { ...kept.body.config, auth: { type: 'bearer', token: newToken } },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(3);
    expect(replaced.body.config.auth.token).toBe(`••••${newToken.slice(-4)}`);
    expect(decryptSecret((await storedConfig(view.id)).auth.token)).toBe(newToken);

    const audit = await auditText(view.id);
    expect(audit).toContain('channel.update');
    expect(audit).toContain('"secrets_changed":["auth.token"]');
    expect(audit).not.toContain(token);
    expect(audit).not.toContain(newToken);
  });

  it('refuses a mask where no secret is stored, and masks short secrets completely', async () => {
    const masked = await create(webhook({ auth: { type: 'bearer', token: '••••abcd' } }));
    expect(masked.status).toBe(422);
    expect(masked.body.errors).toEqual([
      { path: 'body.config.auth.token', message: expect.stringContaining('masked value') },
    ]);

    const { body: view } = await create(webhook());
    const switched = await patch(view.id, {
      config: { ...view.config, auth: { type: 'basic', username: 'u', password: '••••' } },
    });
    expect(switched.status).toBe(422);
    expect(switched.body.errors[0].path).toBe('body.config.auth.password');

    const smtp = await create({
      name: 'mail',
      provider: 'smtp',
      config: { host: 'mail.example.test', username: 'u', password: 'short', from: 'noreply@example.test' },
    });
    expect(smtp.status).toBe(201);
    expect(smtp.body.type).toBe('email');
    expect(smtp.body.config.password).toBe('••••');
  });

  it('validates provider, type and config with field paths', async () => {
    const unknown = await create({ name: 'x', provider: 'carrier-pigeon', config: {} });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toBe(`unknown provider "carrier-pigeon"; known: ${providerNames.join(', ')}`);
    expect(providerNames).toEqual(expect.arrayContaining(['webhook', 'smtp']));

    const mismatch = await create({ ...webhook(), type: 'email' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors).toEqual([
      { path: 'body.type', message: expect.stringContaining('webhook') },
    ]);

    const bad = await create(webhook({ url: 'ftp://example.test', colour: 'blue', timeout_seconds: 99 }));
    expect(bad.status).toBe(422);
    const paths = (bad.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body.config', 'body.config.timeout_seconds', 'body.config.url']);
    expect(JSON.stringify(bad.body.errors)).toContain('unknown field(s): colour');

    const credentialsInUrl = await create(webhook({ url: 'https://user:pw@hooks.example.test/' }));
    expect(credentialsInUrl.body.errors[0]).toMatchObject({ path: 'body.config.url' });

    const reservedHeader = await create(webhook({ headers: { Authorization: 'Bearer x' } }));
    expect(reservedHeader.status).toBe(422);

    const policy = await create({ ...webhook(), retry_policy: { max_attempts: 51 } });
    expect(policy.status).toBe(422);
    expect(policy.body.errors[0].path).toBe('body.retry_policy.max_attempts');

    const smtp = await create({
      name: 'm',
      provider: 'smtp',
      config: { host: 'mail.example.test', from: 'nope' },
    });
    expect(smtp.body.errors).toEqual([
      { path: 'body.config.from', message: expect.stringContaining('e-mail') },
    ]);
  });

  it('keeps rate limits and retry policies, filling defaults', async () => {
    const { body } = await create({
      ...webhook(),
      rate_limit: { per_second: 5, per_hour: 1000 },
      retry_policy: { max_attempts: 3 },
      enabled: false,
    });
    expect(body.rate_limit).toEqual({ per_second: 5, per_hour: 1000 });
    expect(body.retry_policy).toEqual({ max_attempts: 3, base_delay_seconds: 10, max_delay_seconds: 3600 });
    expect(body.enabled).toBe(false);

    const cleared = await patch(body.id, { rate_limit: null, retry_policy: null, enabled: true });
    expect(cleared.body).toMatchObject({
      rate_limit: null,
      enabled: true,
      retry_policy: { max_attempts: 8 },
    });
    expect((await patch(body.id, {})).status).toBe(422);
  });

  it('checks fallbacks: they must exist, not be the channel itself, and not loop', async () => {
    const a = (await create(webhook())).body;
    const b = (await create({ ...webhook(), fallback_channel_id: a.id })).body;
    expect(b.fallback_channel_id).toBe(a.id);

    const missing = await create({
      ...webhook(),
      fallback_channel_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe('body.fallback_channel_id');

    expect((await patch(a.id, { fallback_channel_id: a.id })).body.detail).toContain('its own fallback');
    const loop = await patch(a.id, { fallback_channel_id: b.id });
    expect(loop.status).toBe(422);
    expect(loop.body.detail).toContain('loop');

    const deleted = await call(item.DELETE, { method: 'DELETE', key, params: { id: a.id } });
    expect(deleted.status).toBe(204);
    const after = await call(item.GET, { key, params: { id: b.id } });
    expect(((await after.json()) as Json).fallback_channel_id).toBeNull();
    expect((await call(item.GET, { key, params: { id: a.id } })).status).toBe(404);
    expect(await auditText(a.id)).toContain('channel.delete');
  });

  it('lists newest first with a cursor; trigger keys may not read channels', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await create(webhook())).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/channels?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call(collection.GET, { key, path });
      const page = (await res.json()) as { data: { id: string }[]; next_cursor: string | null };
      seen.push(...page.data.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen.slice(0, 3)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);

    const trigger = await makeApiKey('trigger');
    expect((await call(collection.GET, { key: trigger.key })).status).toBe(403);
  });

  it('describes each provider form from its schema', async () => {
    const res = await call(providers.GET, { key });
    expect(res.status).toBe(200);
    const list = (await res.json()) as Json[];
    expect(list.map((p) => p.provider)).toEqual(providerNames);
    const hook = list[0]!;
    expect(hook).toMatchObject({ type: 'webhook', requires_recipient: false });
    const field = (name: string) => hook.fields.find((f: Json) => f.name === name);
    expect(field('url')).toMatchObject({ kind: 'string', required: true, secret: false });
    expect(field('method')).toMatchObject({
      kind: 'enum',
      options: ['POST', 'PUT', 'PATCH'],
      default: 'POST',
    });
    expect(field('auth.type')).toMatchObject({
      kind: 'enum',
      options: ['none', 'basic', 'bearer'],
      default: 'none',
    });
    expect(field('auth.token')).toMatchObject({
      secret: true,
      when: { field: 'auth.type', equals: ['bearer'] },
    });
    expect(field('signing_secret')).toMatchObject({ secret: true, required: false });
    expect(field('payload')).toMatchObject({ kind: 'template' });
    expect(list[1]!.fields.find((f: Json) => f.name === 'password')).toMatchObject({ secret: true });
  });

  it('loads a channel for sending with secrets decrypted and defaults filled', async () => {
    const token = secretToken();
    const { body } = await create({
      ...webhook({ auth: { type: 'bearer', token } }),
      rate_limit: { per_minute: 60 },
    });
    const loaded = await loadChannelForSend(body.id);
    expect(loaded.provider.provider).toBe('webhook');
    expect((loaded.config.auth as Json).token).toBe(token);
    expect(loaded.retryPolicy).toEqual({ max_attempts: 8, base_delay_seconds: 10, max_delay_seconds: 3600 });
    expect(loaded.rateLimit).toEqual({ per_minute: 60 });

    const gone = loadChannelForSend('00000000-0000-4000-8000-000000000000');
    await expect(gone).rejects.toBeInstanceOf(DeliveryError);
    await expect(gone).rejects.toMatchObject({ kind: 'permanent' });
  });
});
