import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/users/[id]/route';
import * as collection from '../app/api/v1/users/route';
import { authOptions, INVALID_CREDENTIALS } from '../lib/auth/options';
import { db, schema } from '../lib/db';
import { callAs, consoleSession } from './support/console-session';
import { makeUser, uniq } from './support/factories';

type Json = Record<string, unknown> & { errors?: { path: string; message: string }[]; detail?: string };

async function patch(session: Record<string, string>, id: string, body: unknown) {
  const res = await callAs(session, item.PATCH, { method: 'PATCH', params: { id }, body });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Whether a session is let in: any signed-in user may list users. */
async function admitted(session: Record<string, string>): Promise<number> {
  return (await callAs(session, collection.GET, { path: '/api/v1/users' })).status;
}

async function auditOf(id: string) {
  return db()
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.resourceType, 'user'), eq(schema.auditLog.resourceId, id)))
    .orderBy(desc(schema.auditLog.id));
}

/** The credentials provider's own authorize(), as the sign-in form reaches it. */
async function signIn(email: string, password: string) {
  const provider = authOptions().providers[0] as unknown as {
    options: { authorize: (c: unknown, r: unknown) => Promise<unknown> };
  };
  return provider.options.authorize(
    { email, password },
    { headers: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.1` } },
  );
}

describe('user administration', () => {
  it('adds a user with an audit entry that holds no password', async () => {
    const admin = await consoleSession(await makeUser('admin'));
    const email = `new-${uniq()}@example.test`;
    const res = await callAs(admin, collection.POST, {
      method: 'POST',
      body: { email, password: 'initial-password', role: 'viewer', name: 'New Person' },
    });
    expect(res.status).toBe(201);
    const user = (await res.json()) as { id: string };
    const [entry] = await auditOf(user.id);
    expect(entry).toMatchObject({ action: 'user.create', actorType: 'user' });
    expect(entry!.changes).toEqual({
      after: { email, name: 'New Person', role: 'viewer', disabled: false },
    });
    expect(JSON.stringify(entry)).not.toContain('initial-password');
  });

  it('a password reset ends the sessions signed in before it, and is audited without the password', async () => {
    const admin = await consoleSession(await makeUser('admin'));
    const user = await makeUser('viewer');
    const before = await consoleSession(user, Date.now() - 5_000);
    expect(await admitted(before)).toBe(200);
    const reset = await patch(admin, user.id, { password: 'a-brand-new-password' });
    expect(reset.status).toBe(200);
    expect(await admitted(before)).toBe(401);
    expect(await admitted(await consoleSession(user, Date.now() + 1))).toBe(200);
    await expect(signIn(user.email, user.password)).rejects.toThrow(INVALID_CREDENTIALS);
    expect(await signIn(user.email, 'a-brand-new-password')).toMatchObject({ id: user.id });

    const [entry] = await auditOf(user.id);
    expect(entry!.changes).toEqual({ before: {}, after: {}, password_reset: true });
    expect(JSON.stringify(entry)).not.toContain('a-brand-new-password');
  });

  it('a deactivated user cannot sign in; re-enabling does not revive the old sessions', async () => {
    const admin = await consoleSession(await makeUser('admin'));
    const user = await makeUser('viewer');
    const session = await consoleSession(user, Date.now() - 5_000);
    const disabled = await patch(admin, user.id, { disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true });
    expect(await admitted(session)).toBe(401);
    await expect(signIn(user.email, user.password)).rejects.toThrow(INVALID_CREDENTIALS);

    await patch(admin, user.id, { disabled: false, role: 'admin' });
    expect(await admitted(session)).toBe(401);
    expect(await signIn(user.email, user.password)).toMatchObject({ id: user.id, role: 'admin' });
    const [enabled, disabling] = await auditOf(user.id);
    expect(disabling!.changes).toEqual({ before: { disabled: false }, after: { disabled: true } });
    expect(enabled!.changes).toEqual({
      before: { role: 'viewer', disabled: true },
      after: { role: 'admin', disabled: false },
    });
  });

  it('refuses viewers and names bad input', async () => {
    const target = await makeUser('viewer');
    const viewer = await consoleSession(await makeUser('viewer'));
    const refused = await patch(viewer, target.id, { role: 'admin' });
    expect(refused.status).toBe(403);

    const admin = await consoleSession(await makeUser('admin'));
    const badRole = await patch(admin, target.id, { role: 'owner' });
    expect(badRole.status).toBe(422);
    expect(badRole.body.errors?.[0]?.path).toBe('body.role');
    const short = await patch(admin, target.id, { password: 'short' });
    expect(short.body.errors?.[0]).toEqual({
      path: 'body.password',
      message: 'must be at least 10 characters',
    });
    const unknown = await patch(admin, target.id, { email: 'x@example.test' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.path).toMatch(/^body/);
    const taken = await callAs(admin, collection.POST, {
      method: 'POST',
      body: { email: target.email.toUpperCase(), password: 'another-password' },
    });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as Json).errors).toEqual([
      { path: 'body.email', message: 'already in use' },
    ]);
  });
});
