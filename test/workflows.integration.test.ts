import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/workflows/[key]/route';
import * as collection from '../app/api/v1/workflows/route';
import { db, schema } from '../lib/db';
import { type WorkflowView, workflowSchema } from '../lib/workflows/schemas';
import { call, makeApiKey, makeChannel, makeTrigger, makeWorkflow, uniq } from './support/factories';

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

let key: string;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
});

const post = (body: unknown) => call(collection.POST, { method: 'POST', key, body });
const patch = (ref: string, body: unknown) =>
  call(item.PATCH, { method: 'PATCH', key, body, params: { key: ref } });
const get = (ref: string) => call(item.GET, { key, params: { key: ref } });

function sendStep(channelId: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'send',
    channel_id: channelId,
    to: '{{ data.email }}',
    template: { body: 'Hi {{ data.name }}' },
    ...extra,
  };
}

async function paths(res: Response): Promise<string[]> {
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (((await res.json()) as Problem).errors ?? []).map((e) => e.path);
}

describe('workflows API', () => {
  it('creates, reads by key and id, updates with a version bump, and deletes with its triggers', async () => {
    const channel = await makeChannel();
    const fallback = await makeChannel();
    const workflowKey = `welcome-${uniq()}`;
    const created = await post({
      key: workflowKey,
      name: 'Welcome',
      description: 'Greets new users',
      steps: [{ type: 'delay', seconds: 60 }, sendStep(channel.id, { fallback_channel_id: fallback.id })],
    });
    expect(created.status).toBe(201);
    const workflow = workflowSchema.parse(await created.json());
    expect(workflow).toMatchObject({
      key: workflowKey,
      enabled: true,
      version: 1,
      description: 'Greets new users',
    });

    for (const ref of [workflowKey, workflow.id]) {
      const res = await get(ref);
      expect(res.status).toBe(200);
      expect(((await res.json()) as WorkflowView).id).toBe(workflow.id);
    }

    const disabled = await patch(workflowKey, { enabled: false });
    expect(((await disabled.json()) as WorkflowView).version).toBe(2);
    // A PATCH that leaves `enabled` out must not re-enable the workflow.
    const renamed = await patch(workflow.id, { name: 'Welcome v2', description: null });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({
      name: 'Welcome v2',
      description: null,
      enabled: false,
      version: 3,
    });

    const trigger = await makeTrigger(workflow.id);
    const deleted = await call(item.DELETE, { method: 'DELETE', key, params: { key: workflowKey } });
    expect(deleted.status).toBe(204);
    expect((await get(workflowKey)).status).toBe(404);
    const left = await db().select().from(schema.triggers).where(eq(schema.triggers.id, trigger.id));
    expect(left).toHaveLength(0);

    const actions = await db()
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.resourceId, workflow.id));
    expect(actions.map((a) => a.action).sort()).toEqual([
      'workflow.create',
      'workflow.delete',
      'workflow.update',
      'workflow.update',
    ]);
  });

  it('answers 409 for a duplicate key', async () => {
    const existing = await makeWorkflow();
    const res = await post({ key: existing.key, name: 'Again', steps: [{ type: 'delay', seconds: 5 }] });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).detail).toBe(
      `a workflow with key "${existing.key}" already exists`,
    );
  });

  it('names the failing field of a bad step, template, filter or channel', async () => {
    const channel = await makeChannel();
    const base = { key: `wf-${uniq()}`, name: 'Bad' };

    const missingChannel = await post({ ...base, steps: [{ type: 'send', template: { body: 'x' } }] });
    expect(await paths(missingChannel)).toEqual(['body.steps.0']);

    const badUuid = await post({ ...base, steps: [sendStep('not-a-uuid')] });
    expect(await paths(badUuid)).toEqual(['body.steps.0.channel_id']);

    const badTemplate = await post({
      ...base,
      steps: [{ type: 'delay', seconds: 1 }, sendStep(channel.id, { template: { body: '{{ data.x' } })],
    });
    expect(await paths(badTemplate)).toEqual(['body.steps.1.template.body']);

    const badFilter = await post({ ...base, steps: [{ type: 'condition', filter: { $bogus: 1 } }] });
    expect(await paths(badFilter)).toEqual(['body.steps.0.filter']);

    // $where would run JavaScript on the server; it is refused like any unknown operator.
    const where = await post({ ...base, steps: [{ type: 'condition', filter: { $where: 'true' } }] });
    expect(await paths(where)).toEqual(['body.steps.0.filter']);

    const unknownChannel = crypto.randomUUID();
    const missing = await post({
      ...base,
      steps: [
        { type: 'delay', seconds: 1 },
        { type: 'delay', seconds: 2 },
        sendStep(unknownChannel, { fallback_channel_id: channel.id }),
      ],
    });
    const problem = (await missing.json()) as Problem;
    expect(missing.status).toBe(422);
    expect(problem.errors).toEqual([
      { path: 'body.steps.2.channel_id', message: `no channel with id ${unknownChannel}` },
    ]);

    const badFallback = await post({
      ...base,
      steps: [sendStep(channel.id, { fallback_channel_id: unknownChannel })],
    });
    expect(await paths(badFallback)).toEqual(['body.steps.0.fallback_channel_id']);

    const unknownField = await post({ ...base, steps: [{ type: 'delay', seconds: 1 }], color: 'red' });
    expect(await paths(unknownField)).toEqual(['body']);

    const existing = await makeWorkflow();
    const patched = await patch(existing.key, { steps: [sendStep(unknownChannel)] });
    expect(await paths(patched)).toEqual(['body.steps.0.channel_id']);
    expect(((await (await get(existing.key)).json()) as WorkflowView).version).toBe(1);
  });

  it('lists newest first with a cursor', async () => {
    for (let i = 0; i < 3; i++) await makeWorkflow();
    const seen: WorkflowView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/workflows?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call(collection.GET, { key, path });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: WorkflowView[]; next_cursor: string | null };
      seen.push(...body.data);
      cursor = body.next_cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen.map((w) => w.id)).size).toBe(seen.length);
    const order = seen.map((w) => `${w.created_at}|${w.id}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  it('lets read access list and get, and only admin access write', async () => {
    const trigger = await makeApiKey('trigger');
    const res = await call(collection.POST, {
      method: 'POST',
      key: trigger.key,
      body: { key: `wf-${uniq()}`, name: 'x', steps: [{ type: 'delay', seconds: 1 }] },
    });
    expect(res.status).toBe(403);
    expect((await call(collection.GET, { path: '/api/v1/workflows' })).status).toBe(401);
    expect((await get(`missing-${uniq()}`)).status).toBe(404);
  });
});
