import { randomUUID } from 'node:crypto';
import { desc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as retry from '../app/api/v1/messages/[id]/retry/route';
import * as count from '../app/api/v1/messages/count/route';
import * as discard from '../app/api/v1/messages/discard/route';
import * as redrive from '../app/api/v1/messages/redrive/route';
import * as messages from '../app/api/v1/messages/route';
import * as stats from '../app/api/v1/stats/route';
import { db, schema } from '../lib/db';
import { callAs, consoleSession } from './support/console-session';
import { call, makeApiKey, makeChannel, makeUser } from './support/factories';
import { makeMessage } from './support/message-factories';

type Json = Record<string, unknown> & { errors?: { path: string; message: string }[]; detail?: string };

async function post(handler: typeof redrive.POST, key: string, body: unknown) {
  const res = await call(handler, { method: 'POST', key, body });
  return { status: res.status, body: (await res.json()) as Json };
}

async function seed(statuses: ('dead' | 'failed' | 'sent')[]) {
  const channel = await makeChannel();
  const rows = [];
  for (const [i, status] of statuses.entries())
    rows.push(
      await makeMessage({ channelId: channel.id, status, createdAt: new Date(Date.now() - 60_000 + i) }),
    );
  return { channel, rows };
}

async function statuses(ids: string[]) {
  const rows = await db()
    .select({
      id: schema.messages.id,
      status: schema.messages.status,
      attempts: schema.messages.attemptCount,
    })
    .from(schema.messages)
    .where(inArray(schema.messages.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

async function lastAudit(action: string) {
  const [row] = await db()
    .select()
    .from(schema.auditLog)
    .where(eq(schema.auditLog.action, action))
    .orderBy(desc(schema.auditLog.id))
    .limit(1);
  return row;
}

describe('bulk re-drive', () => {
  it('takes explicit ids with a reason: dead and failed re-queued, others skipped, one audit entry', async () => {
    const { key } = await makeApiKey('admin');
    const { rows } = await seed(['dead', 'failed', 'sent']);
    const missing = randomUUID();
    const ids = [...rows.map((r) => r.id), missing];
    const res = await post(redrive.POST, key, { ids, reason: 'provider outage fixed' });
    expect(res.status).toBe(202);
    expect(res.body.redriven).toBe(2);
    expect(res.body.skipped).toEqual([
      { id: rows[2]!.id, status: 'sent' },
      { id: missing, status: null },
    ]);
    const now = await statuses(rows.map((r) => r.id));
    expect(now.get(rows[0]!.id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(now.get(rows[1]!.id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(now.get(rows[2]!.id)?.status).toBe('sent');
    const jobs = await db().$client.query(
      `SELECT data FROM pgboss.job WHERE name = 'message-deliver' AND data->'message_ids' ?| $1`,
      [[rows[0]!.id, rows[1]!.id]],
    );
    expect(jobs.rows.flatMap((j) => j.data.message_ids).sort()).toEqual([rows[0]!.id, rows[1]!.id].sort());

    const entry = await lastAudit('message.redrive');
    expect(entry!.changes).toMatchObject({
      reason: 'provider outage fixed',
      ids,
      count: 2,
      skipped: 2,
      message_ids: [rows[0]!.id, rows[1]!.id],
    });
  });

  it('still takes the old filter body and answers as before', async () => {
    const { key } = await makeApiKey('admin');
    const { channel, rows } = await seed(['dead', 'dead', 'failed']);
    const res = await post(redrive.POST, key, { status: ['dead'], channel_id: channel.id });
    expect(res).toEqual({ status: 202, body: { redriven: 2 } });
    expect((await statuses([rows[2]!.id])).get(rows[2]!.id)?.status).toBe('failed');
    const entry = await lastAudit('message.redrive');
    expect(entry!.changes).toMatchObject({ filter: { status: ['dead'], channel_id: channel.id }, count: 2 });
  });

  it('refuses ids together with filter fields, and bad ids, naming the field', async () => {
    const { key } = await makeApiKey('admin');
    const both = await post(redrive.POST, key, { ids: [randomUUID()], channel_id: randomUUID() });
    expect(both.status).toBe(422);
    expect(both.body.errors).toEqual([
      { path: 'body.channel_id', message: 'give either `ids` or filter fields, not both' },
    ]);
    const badId = await post(redrive.POST, key, { ids: ['nope'] });
    expect(badId.status).toBe(422);
    expect(badId.body.errors?.[0]?.path).toBe('body.ids.0');
    const empty = await post(redrive.POST, key, { ids: [], reason: 'x' });
    expect(empty.body.errors?.[0]?.path).toBe('body.ids');
    const blankReason = await post(redrive.POST, key, { status: ['dead'], reason: '   ' });
    expect(blankReason.body.errors?.[0]).toEqual({ path: 'body.reason', message: 'must not be empty' });
  });
});

describe('discard', () => {
  it('moves dead and failed messages to the final status discarded, with the reason audited', async () => {
    const { key } = await makeApiKey('admin');
    const { channel, rows } = await seed(['dead', 'failed', 'dead']);
    const res = await post(discard.POST, key, {
      status: ['dead', 'failed'],
      channel_id: channel.id,
      limit: 2,
      reason: 'customer left',
    });
    expect(res).toEqual({ status: 200, body: { discarded: 2 } });
    const now = await statuses(rows.map((r) => r.id));
    // Oldest first, up to the limit.
    expect([...rows.map((r) => now.get(r.id)?.status)]).toEqual(['discarded', 'discarded', 'dead']);

    const listed = await call(messages.GET, {
      key,
      path: `/api/v1/messages?status=discarded&channel_id=${channel.id}`,
    });
    expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(2);
    const again = await call(retry.POST, { method: 'POST', key, params: { id: rows[0]!.id } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).detail).toBe(
      'message is discarded; only dead or failed messages can be retried',
    );
    const entry = await lastAudit('message.discard');
    expect(entry!.changes).toMatchObject({ reason: 'customer left', count: 2 });
  });

  it('still counts discarded messages as failures in the stats', async () => {
    const { key } = await makeApiKey('admin');
    const channel = await makeChannel();
    const at = new Date('2025-03-01T10:00:00.000Z');
    await makeMessage({ channelId: channel.id, status: 'sent', createdAt: at });
    const dead = await makeMessage({ channelId: channel.id, status: 'dead', createdAt: at });
    const window = 'from=2025-03-01T09:00:00.000Z&to=2025-03-01T11:00:00.000Z';
    const read = async () =>
      (await (await call(stats.GET, { key, path: `/api/v1/stats?${window}` })).json()) as {
        totals: { failed: number; by_status: Record<string, number> };
        success_rate: number;
      };
    const before = await read();
    await post(discard.POST, key, { ids: [dead.id], reason: 'gave up' });
    const after = await read();
    expect(after.totals.by_status).toMatchObject({ dead: 0, discarded: 1 });
    expect(after.totals.failed).toBe(before.totals.failed);
    expect(after.success_rate).toBe(0.5);
  });

  it('requires a reason', async () => {
    const { key } = await makeApiKey('admin');
    const res = await post(discard.POST, key, { ids: [randomUUID()] });
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.path).toBe('body.reason');
  });

  it('is for admins: a viewer gets 403 and nothing changes', async () => {
    const { rows } = await seed(['dead']);
    const viewer = await consoleSession(await makeUser('viewer'));
    for (const handler of [discard.POST, redrive.POST]) {
      const res = await callAs(viewer, handler, {
        method: 'POST',
        body: { ids: [rows[0]!.id], reason: 'x' },
      });
      expect(res.status).toBe(403);
    }
    expect((await statuses([rows[0]!.id])).get(rows[0]!.id)?.status).toBe('dead');
  });
});

describe('GET /api/v1/messages/count', () => {
  it('counts what the list filter matches, up to the limit; viewers may read it', async () => {
    const { channel } = await seed(['dead', 'dead', 'dead', 'sent']);
    const viewer = await consoleSession(await makeUser('viewer'));
    const ask = async (query: string) => {
      const res = await callAs(viewer, count.GET, { path: `/api/v1/messages/count?${query}` });
      return { status: res.status, body: (await res.json()) as Json };
    };
    expect(await ask(`status=dead&channel_id=${channel.id}`)).toEqual({
      status: 200,
      body: { count: 3, capped: false },
    });
    expect((await ask(`status=dead&channel_id=${channel.id}&limit=2`)).body).toEqual({
      count: 2,
      capped: true,
    });
    const bad = await ask('status=lost');
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.path).toMatch(/^query\.status/);
  });
});
