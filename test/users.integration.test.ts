import { describe, expect, it } from 'vitest';
import * as setup from '../app/api/setup/route';
import * as item from '../app/api/v1/users/[id]/route';
import * as collection from '../app/api/v1/users/route';
import { verifyPassword } from '../lib/auth/password';
import { findUserByEmail } from '../lib/users/service';
import { call, makeApiKey, uniq } from './support/factories';

describe('first admin and users', () => {
  it('creates the first admin once, even under concurrent requests, with an argon2id hash', async () => {
    const before = await call(setup.GET);
    expect(await before.json()).toEqual({ needs_setup: true });

    const attempts = await Promise.all(
      [1, 2, 3].map((n) =>
        call(setup.POST, {
          method: 'POST',
          body: { email: `First${n}@Example.test`, password: 'a-long-password' },
        }),
      ),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await (await call(setup.GET)).json()).toEqual({ needs_setup: false });

    const created = (await attempts.find((r) => r.status === 201)!.json()) as { email: string; role: string };
    expect(created.role).toBe('admin');
    expect(created.email).toMatch(/^first\d@example\.test$/);
    const row = await findUserByEmail(created.email);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.passwordHash, 'a-long-password')).toBe(true);
    expect(JSON.stringify(created)).not.toContain('argon2');
  });

  it('rejects a short password naming the field', async () => {
    const res = await call(setup.POST, {
      method: 'POST',
      body: { email: 'x@example.test', password: 'short' },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('body.password');
  });

  it('admins manage users; the last admin cannot be demoted', async () => {
    const { key } = await makeApiKey('admin');
    const email = `viewer-${uniq()}@example.test`;
    const res = await call(collection.POST, {
      method: 'POST',
      key,
      body: { email, password: 'viewer-password', role: 'viewer' },
    });
    expect(res.status).toBe(201);
    const duplicate = await call(collection.POST, {
      method: 'POST',
      key,
      body: { email: email.toUpperCase(), password: 'viewer-password' },
    });
    expect(duplicate.status).toBe(409);

    const list = (await (await call(collection.GET, { key })).json()) as {
      data: { id: string; role: string }[];
    };
    const admins = list.data.filter((u) => u.role === 'admin');
    for (const admin of admins.slice(1))
      await call(item.DELETE, { method: 'DELETE', key, params: { id: admin.id } });
    const demote = await call(item.PATCH, {
      method: 'PATCH',
      key,
      params: { id: admins[0]!.id },
      body: { role: 'viewer' },
    });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as { detail: string }).detail).toContain('administrator must remain');
  });
});
