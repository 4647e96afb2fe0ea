import { describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/api-keys/[id]/route';
import * as collection from '../app/api/v1/api-keys/route';
import { call, makeApiKey } from './support/factories';
import { runTs } from './support/processes';

describe('API keys', () => {
  it('a key created by the CLI authenticates; revoked, it gets 401', async () => {
    const created = await runTs(
      'scripts/cli.ts',
      ['apikey:create', '--name', 'ci-bot', '--scope', 'admin'],
      {},
    );
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sbk_[\w-]{43}$/);
    expect(created.stderr).toContain('shown only once');

    const list = await call(collection.GET, { key, path: '/api/v1/api-keys' });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { id: string; name: string; last_used_at: string | null }[] };
    const mine = body.data.find((k) => k.name === 'ci-bot');
    expect(mine?.last_used_at).not.toBeNull();
    expect(JSON.stringify(body)).not.toContain(key);

    const revoke = await call(item.DELETE, { method: 'DELETE', key, params: { id: mine!.id } });
    expect(revoke.status).toBe(200);

    const after = await call(collection.GET, { key, path: '/api/v1/api-keys' });
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toBe('application/problem+json');
    expect(((await after.json()) as { detail: string }).detail).toMatch(/invalid or revoked/);
  });

  it('no key gets 401, a trigger key on an admin route gets 403', async () => {
    const none = await call(collection.GET, { path: '/api/v1/api-keys' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');

    const trigger = await makeApiKey('trigger');
    const forbidden = await call(collection.POST, {
      method: 'POST',
      key: trigger.key,
      body: { name: 'x', scope: 'admin' },
    });
    expect(forbidden.status).toBe(403);
    const problem = (await forbidden.json()) as { title: string; detail: string };
    expect(problem.title).toBe('Forbidden');
    expect(problem.detail).toContain('requires admin access');

    const garbage = await call(collection.GET, { key: 'sbk_not-a-real-key' });
    expect(garbage.status).toBe(401);
  });

  it('creates a key whose secret is returned once and stored only as a hash', async () => {
    const admin = await makeApiKey('admin');
    const res = await call(collection.POST, {
      method: 'POST',
      key: admin.key,
      body: { name: 'deploys', scope: 'trigger' },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string; scope: string; prefix: string };
    expect(created.scope).toBe('trigger');
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const { db } = await import('../lib/db');
    const { rows } = await db().$client.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
    expect(JSON.stringify(rows[0])).not.toContain(created.key);
  });

  it('paginates with a cursor', async () => {
    const admin = await makeApiKey('admin');
    for (let i = 0; i < 3; i++) await makeApiKey('trigger');
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call(collection.GET, { key: admin.key, path });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { id: string }[]; next_cursor: string | null };
      for (const k of body.data) seen.add(k.id);
      cursor = body.next_cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThanOrEqual(2);
    const all = await call(collection.GET, { key: admin.key, path: '/api/v1/api-keys?limit=200' });
    expect(seen.size).toBe(((await all.json()) as { data: unknown[] }).data.length);
  });

  it('pages back with before = prev_cursor', async () => {
    const admin = await makeApiKey('admin');
    for (let i = 0; i < 4; i++) await makeApiKey('trigger');
    type Page = { data: { id: string }[]; next_cursor: string | null; prev_cursor: string | null };
    const get = async (query: string) =>
      (await (
        await call(collection.GET, { key: admin.key, path: `/api/v1/api-keys?${query}` })
      ).json()) as Page;
    const first = await get('limit=2');
    const second = await get(`limit=2&cursor=${first.next_cursor}`);
    const third = await get(`limit=2&cursor=${second.next_cursor}`);
    expect(third.prev_cursor).toEqual(expect.any(String));
    const backToSecond = await get(`limit=2&before=${third.prev_cursor}`);
    expect(backToSecond.data).toEqual(second.data);
    const backToFirst = await get(`limit=2&before=${backToSecond.prev_cursor}`);
    expect(backToFirst.data).toEqual(first.data);
    expect([first.prev_cursor, backToFirst.prev_cursor]).toEqual([null, null]);
  });
});
