import { describe, expect, it } from 'vitest';
import * as auditLog from '../app/api/v1/audit-log/route';
import * as channelItem from '../app/api/v1/channels/[id]/route';
import * as channelTest from '../app/api/v1/channels/[id]/test/route';
import * as channels from '../app/api/v1/channels/route';
import * as triggerItem from '../app/api/v1/triggers/[id]/route';
import * as workflowItem from '../app/api/v1/workflows/[key]/route';
import type { AuditEntryView } from '../lib/audit/schemas';
import { callAs, consoleSession } from './support/console-session';
import {
  call,
  makeApiKey,
  makeChannel,
  makeTrigger,
  makeUser,
  makeWorkflow,
  uniq,
} from './support/factories';

type Page = { data: AuditEntryView[]; next_cursor: string | null; prev_cursor: string | null };

async function list(key: string, query: Record<string, string>) {
  const path = `/api/v1/audit-log?${new URLSearchParams(query)}`;
  const res = await call(auditLog.GET, { key, path });
  return {
    status: res.status,
    body: (await res.json()) as Page & { detail?: string; errors?: { path: string }[] },
  };
}

describe('GET /api/v1/audit-log', () => {
  it('records create, update and delete of a channel with a diff, secrets masked, filterable', async () => {
    const { key, name } = await makeApiKey('admin');
    const token = `tok-${uniq()}${uniq()}`;
    const created = await call(channels.POST, {
      method: 'POST',
      key,
      body: {
        name: `audited-${uniq()}`,
        provider: 'webhook',
        config: { url: 'https://hooks.example.test/in', auth: { type: 'bearer', token } },
      },
    });
    expect(created.status).toBe(201);
    const channel = (await created.json()) as { id: string; name: string };
    await call(channelItem.PATCH, {
      method: 'PATCH',
      key,
      params: { id: channel.id },
      body: { enabled: false },
    });
    await call(channelItem.DELETE, { method: 'DELETE', key, params: { id: channel.id } });

    const { status, body } = await list(key, { resource_type: 'channel', resource_id: channel.id });
    expect(status).toBe(200);
    expect(body.data.map((e) => e.action)).toEqual(['channel.delete', 'channel.update', 'channel.create']);
    const [deleted, updated, create] = body.data;
    expect(create!.changes!.after).toMatchObject({ name: channel.name, enabled: true });
    expect(updated!.changes).toEqual({ before: { enabled: true }, after: { enabled: false } });
    expect(deleted!.changes).toEqual({ before: { name: channel.name, provider: 'webhook' } });
    expect(create).toMatchObject({ actor_type: 'api_key', actor_label: name, resource_type: 'channel' });
    expect(create!.request_id).toBeTruthy();
    expect(JSON.stringify(body)).not.toContain(token);

    const byAction = await list(key, { action: 'channel.update', resource_id: channel.id });
    expect(byAction.body.data).toHaveLength(1);
    const byActor = await list(key, { actor: name.slice(2), resource_id: channel.id });
    expect(byActor.body.data).toHaveLength(3);
    const nobody = await list(key, { actor: `%${uniq()}`, resource_id: channel.id });
    expect(nobody.body.data).toHaveLength(0);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await list(key, { from: future, resource_id: channel.id })).body.data).toHaveLength(0);
    expect((await list(key, { to: future, resource_id: channel.id })).body.data).toHaveLength(3);
  });

  it('keeps before/after of workflow and trigger updates', async () => {
    const { key } = await makeApiKey('admin');
    const workflow = await makeWorkflow();
    const trigger = await makeTrigger(workflow.id);
    await call(workflowItem.PATCH, {
      method: 'PATCH',
      key,
      params: { key: workflow.key },
      body: { name: 'Renamed' },
    });
    await call(triggerItem.PATCH, {
      method: 'PATCH',
      key,
      params: { id: trigger.id },
      body: { config: { filter: { event_type: 'x' } } },
    });
    const wf = await list(key, { action: 'workflow.update', resource_id: workflow.id });
    expect(wf.body.data[0]!.changes).toEqual({ before: { name: workflow.name }, after: { name: 'Renamed' } });
    const tr = await list(key, { action: 'trigger.update', resource_id: trigger.id });
    expect(tr.body.data[0]!.changes).toEqual({
      before: { config: { filter: {} } },
      after: { config: { filter: { event_type: 'x' } } },
    });
  });

  it('records a test send with its outcome', async () => {
    const { key } = await makeApiKey('admin');
    const channel = await makeChannel();
    const res = await call(channelTest.POST, { method: 'POST', key, params: { id: channel.id }, body: {} });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
    const { body } = await list(key, { action: 'channel.test', resource_id: channel.id });
    expect(body.data[0]!.changes).toEqual({ to: null, ok: false });
  });

  it('pages newest first with a cursor', async () => {
    const { key } = await makeApiKey('admin');
    const workflow = await makeWorkflow();
    for (const name of ['one', 'two', 'three'])
      await call(workflowItem.PATCH, { method: 'PATCH', key, params: { key: workflow.key }, body: { name } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { resource_id: workflow.id, limit: '2' };
      if (cursor) query.cursor = cursor;
      const { body } = await list(key, query);
      seen.push(
        ...body.data.map((e) => (e.changes?.after as { name?: string } | undefined)?.name ?? e.action),
      );
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['three', 'two', 'one', workflow.name]);
  });

  it('pages back with prev_cursor to the newest entries', async () => {
    const { key } = await makeApiKey('admin');
    const workflow = await makeWorkflow();
    for (const name of ['one', 'two', 'three', 'four'])
      await call(workflowItem.PATCH, { method: 'PATCH', key, params: { key: workflow.key }, body: { name } });
    const name = (e: AuditEntryView) => (e.changes?.after as { name?: string } | undefined)?.name ?? e.action;
    const filter = { resource_id: workflow.id, limit: '2' };
    const first = (await list(key, filter)).body;
    const second = (await list(key, { ...filter, cursor: first.next_cursor! })).body;
    expect(second.data.map(name)).toEqual(['two', 'one']);
    const back = (await list(key, { ...filter, before: second.prev_cursor! })).body;
    expect(back.data.map(name)).toEqual(['four', 'three']);
    expect([first.prev_cursor, back.prev_cursor]).toEqual([null, null]);
  });

  it('is for admins only: viewers and trigger keys get 403', async () => {
    const viewer = await makeUser('viewer');
    const res = await callAs(await consoleSession(viewer), auditLog.GET, { path: '/api/v1/audit-log' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/viewer .* may not do this/);
    const trigger = await makeApiKey('trigger');
    expect((await list(trigger.key, {})).status).toBe(403);
    const admin = await makeUser('admin');
    const ok = await callAs(await consoleSession(admin), auditLog.GET, { path: '/api/v1/audit-log' });
    expect(ok.status).toBe(200);
  });

  it('names the problem in bad filters', async () => {
    const { key } = await makeApiKey('admin');
    const badTime = await list(key, { from: 'yesterday' });
    expect(badTime.status).toBe(422);
    expect(badTime.body.errors?.[0]?.path).toBe('query.from');
    const backwards = await list(key, { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors?.[0]?.path).toBe('query.to');
    const badCursor = await list(key, { cursor: 'not-a-cursor' });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors?.[0]?.path).toBe('query.cursor');
    const uuidCursor = Buffer.from(JSON.stringify([new Date().toISOString(), 'abc'])).toString('base64url');
    expect((await list(key, { cursor: uuidCursor })).status).toBe(400);
    expect((await list(key, { limit: '0' })).status).toBe(422);
  });
});
