import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/triggers/[id]/route';
import * as collection from '../app/api/v1/triggers/route';
import * as testFilterRoute from '../app/api/v1/triggers/test-filter/route';
import { db, schema } from '../lib/db';
import {
  AVAILABLE_TRIGGER_TYPES,
  type TriggerView,
  triggerSchema,
  triggerTypeSchema,
} from '../lib/triggers/schemas';
import { findMatchingApiTriggers } from '../lib/triggers/service';
import { updateWorkflow } from '../lib/workflows/service';
import { call, makeApiKey, makeTrigger, makeWorkflow, uniq } from './support/factories';

type Problem = { detail: string; errors?: { path: string; message: string }[] };

let key: string;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
});

const post = (body: unknown) => call(collection.POST, { method: 'POST', key, body });
const patch = (id: string, body: unknown) => call(item.PATCH, { method: 'PATCH', key, body, params: { id } });

async function problem(res: Response): Promise<Problem> {
  expect(res.status).toBe(422);
  return (await res.json()) as Problem;
}

describe('triggers API', () => {
  it('creates an api trigger in the seed shape, reads, updates, lists and deletes it', async () => {
    const workflow = await makeWorkflow();
    const created = await post({
      name: 'New users',
      type: 'api',
      workflow_id: workflow.id,
      config: { filter: { event_type: 'user.created' } },
    });
    expect(created.status).toBe(201);
    const trigger = triggerSchema.parse(await created.json());
    expect(Object.keys(trigger).sort()).toEqual(
      ['config', 'created_at', 'enabled', 'id', 'name', 'status', 'type', 'updated_at', 'workflow_id'].sort(),
    );
    expect(trigger).toMatchObject({
      name: 'New users',
      type: 'api',
      workflow_id: workflow.id,
      enabled: true,
      config: { filter: { event_type: 'user.created' } },
    });

    const read = await call(item.GET, { key, params: { id: trigger.id } });
    expect(await read.json()).toEqual(trigger);

    const updated = await patch(trigger.id, { name: 'Renamed', enabled: false, config: { filter: {} } });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ name: 'Renamed', enabled: false, config: { filter: {} } });
    const [row] = await db().select().from(schema.triggers).where(eq(schema.triggers.id, trigger.id));
    expect(row?.version).toBe(2);

    const other = await makeTrigger((await makeWorkflow()).id);
    const listed = await call(collection.GET, { key, path: `/api/v1/triggers?workflow_id=${workflow.id}` });
    const page = (await listed.json()) as { data: TriggerView[]; next_cursor: string | null };
    expect(page.data.map((t) => t.id)).toEqual([trigger.id]);
    expect(page.next_cursor).toBeNull();
    const all = await call(collection.GET, { key, path: '/api/v1/triggers?type=api&limit=200' });
    expect(((await all.json()) as { data: TriggerView[] }).data.map((t) => t.id)).toContain(other.id);

    const deleted = await call(item.DELETE, { method: 'DELETE', key, params: { id: trigger.id } });
    expect(deleted.status).toBe(204);
    expect((await call(item.GET, { key, params: { id: trigger.id } })).status).toBe(404);
    const audits = await db()
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.resourceId, trigger.id));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'trigger.create',
      'trigger.delete',
      'trigger.update',
    ]);
  });

  it('defaults config to {filter: {}} and rejects unknown config keys and bad filters', async () => {
    const workflow = await makeWorkflow();
    const bare = await post({ name: 'All events', type: 'api', workflow_id: workflow.id });
    expect(bare.status).toBe(201);
    expect(((await bare.json()) as TriggerView).config).toEqual({ filter: {} });

    const extra = await problem(
      await post({
        name: 'x',
        type: 'api',
        workflow_id: workflow.id,
        config: { filter: {}, topic: 'orders' },
      }),
    );
    expect(extra.errors).toEqual([{ path: 'body.config', message: 'unknown field(s): topic' }]);

    const bogus = await problem(
      await post({ name: 'x', type: 'api', workflow_id: workflow.id, config: { filter: { $bogus: 1 } } }),
    );
    expect(bogus.errors?.map((e) => e.path)).toEqual(['body.config.filter']);

    const existing = await makeTrigger(workflow.id);
    const badPatch = await problem(await patch(existing.id, { config: { filter: { $where: 'true' } } }));
    expect(badPatch.errors?.map((e) => e.path)).toEqual(['body.config.filter']);
    const typeChange = await problem(await patch(existing.id, { type: 'event' }));
    expect(typeChange.errors?.[0]?.message).toBe('unknown field(s): type');
  });

  it('answers 422 for trigger types that are not available yet, and for unknown types', async () => {
    const workflow = await makeWorkflow();
    const available = AVAILABLE_TRIGGER_TYPES.join(', ');
    for (const type of triggerTypeSchema.options.filter((t) => !AVAILABLE_TRIGGER_TYPES.includes(t))) {
      const res = await problem(
        await post({ name: 'x', type, workflow_id: workflow.id, config: { filter: {} } }),
      );
      expect(res.errors).toEqual([
        {
          path: 'body.type',
          message: `trigger type "${type}" is not available yet; this version supports: ${available}`,
        },
      ]);
    }
    const unknown = await problem(
      await post({ name: 'x', type: 'carrier-pigeon', workflow_id: workflow.id }),
    );
    expect(unknown.errors).toEqual([{ path: 'body.type', message: `type must be one of: ${available}` }]);
  });

  it('requires workflow_id to name an existing workflow', async () => {
    const missing = crypto.randomUUID();
    const created = await problem(await post({ name: 'x', type: 'api', workflow_id: missing }));
    expect(created.errors).toEqual([{ path: 'body.workflow_id', message: `no workflow with id ${missing}` }]);

    const trigger = await makeTrigger((await makeWorkflow()).id);
    const moved = await problem(await patch(trigger.id, { workflow_id: missing }));
    expect(moved.errors?.map((e) => e.path)).toEqual(['body.workflow_id']);

    const target = await makeWorkflow();
    const ok = await patch(trigger.id, { workflow_id: target.id });
    expect(((await ok.json()) as TriggerView).workflow_id).toBe(target.id);
  });

  it('only admins write; unknown ids are 404', async () => {
    const triggerKey = await makeApiKey('trigger');
    const workflow = await makeWorkflow();
    const res = await call(collection.POST, {
      method: 'POST',
      key: triggerKey.key,
      body: { name: 'x', type: 'api', workflow_id: workflow.id },
    });
    expect(res.status).toBe(403);
    expect((await patch(crypto.randomUUID(), { name: 'y' })).status).toBe(404);
    const notUuid = await call(item.GET, { key, params: { id: 'nope' } });
    expect(notUuid.status).toBe(422);
  });
});

describe('findMatchingApiTriggers', () => {
  /** Matches among this test's own triggers (other tests in the file add theirs to the same database). */
  async function matchedIds(event: { event_type: string; timestamp?: string; data: unknown }, ids: string[]) {
    const matches = await findMatchingApiTriggers(event);
    return matches.map((m) => m.trigger.id).filter((id) => ids.includes(id));
  }

  it("matches the seed's filter, dotted paths, $in and $exists, with the trigger's workflow", async () => {
    const workflow = await makeWorkflow();
    const filters = {
      seed: { event_type: 'user.created' },
      dotted: { 'data.user.plan': 'pro' },
      in: {
        event_type: { $in: ['user.created', 'user.updated'] },
        'data.user.plan': { $in: ['pro', 'team'] },
      },
      exists: { 'data.user.email': { $exists: true } },
      timestamp: { timestamp: { $exists: true } },
    };
    const made = Object.fromEntries(
      await Promise.all(
        Object.entries(filters).map(async ([name, filter]) => [
          name,
          (await makeTrigger(workflow.id, { config: { filter } })).id,
        ]),
      ),
    ) as Record<keyof typeof filters, string>;
    const ids = Object.values(made);

    const created = { event_type: 'user.created', data: { user: { plan: 'pro', email: 'a@example.test' } } };
    expect((await matchedIds(created, ids)).sort()).toEqual(
      [made.seed, made.dotted, made.in, made.exists].sort(),
    );
    const withTime = { ...created, timestamp: new Date().toISOString() };
    expect(await matchedIds(withTime, ids)).toContain(made.timestamp);

    const updated = { event_type: 'user.updated', data: { user: { plan: 'free' } } };
    expect(await matchedIds(updated, ids)).toEqual([]);
    const team = { event_type: 'user.updated', data: { user: { plan: 'team' } } };
    expect(await matchedIds(team, ids)).toEqual([made.in]);

    const [match] = (await findMatchingApiTriggers(created)).filter((m) => m.trigger.id === made.seed);
    expect(match?.workflow).toMatchObject({
      id: workflow.id,
      key: workflow.key,
      version: 1,
      steps: workflow.steps,
    });
  });

  it('leaves out disabled triggers, disabled workflows and other trigger types', async () => {
    const event = { event_type: `order.${uniq()}`, data: {} };
    const live = await makeWorkflow();
    const off = await makeWorkflow({ enabled: false });
    const matching = await makeTrigger(live.id, { config: { filter: { event_type: event.event_type } } });
    const disabled = await makeTrigger(live.id, { enabled: false });
    const ofDisabledWorkflow = await makeTrigger(off.id);
    const [eventType] = await db()
      .insert(schema.triggers)
      .values({ name: 'kafka', type: 'event', workflowId: live.id, config: { filter: {} } })
      .returning();
    const ids = [matching.id, disabled.id, ofDisabledWorkflow.id, eventType!.id];
    expect(await matchedIds(event, ids)).toEqual([matching.id]);

    await updateWorkflow(off.id, { enabled: true }, { principal: null });
    expect((await matchedIds(event, ids)).sort()).toEqual([matching.id, ofDisabledWorkflow.id].sort());
  });

  it('sees a changed filter at once (the compiled-filter cache is keyed by version)', async () => {
    const key = (await makeApiKey('admin')).key;
    const trigger = await makeTrigger((await makeWorkflow()).id, { config: { filter: { event_type: 'a' } } });
    expect(await matchedIds({ event_type: 'a', data: {} }, [trigger.id])).toEqual([trigger.id]);
    const res = await call(item.PATCH, {
      method: 'PATCH',
      key,
      params: { id: trigger.id },
      body: { config: { filter: { event_type: 'b' } } },
    });
    expect(res.status).toBe(200);
    expect(await matchedIds({ event_type: 'a', data: {} }, [trigger.id])).toEqual([]);
    expect(await matchedIds({ event_type: 'b', data: {} }, [trigger.id])).toEqual([trigger.id]);
  });
});

describe('POST /api/v1/triggers/test-filter', () => {
  const test = (body: unknown, apiKey = key) =>
    call(testFilterRoute.POST, { method: 'POST', key: apiKey, body });

  it('says whether a sample event matches, as live matching would', async () => {
    const event = {
      event_type: 'user.created',
      timestamp: '2025-01-01T00:00:00Z',
      data: { user: { plan: 'pro' } },
    };
    const yes = await test({
      filter: { event_type: 'user.created', 'data.user.plan': { $in: ['pro'] } },
      event,
    });
    expect(yes.status).toBe(200);
    expect(await yes.json()).toEqual({ matches: true });
    const no = await test({ filter: { 'data.user.plan': { $exists: false } }, event });
    expect(await no.json()).toEqual({ matches: false });
    const all = await test({ filter: {}, event: { event_type: 'x' } });
    expect(await all.json()).toEqual({ matches: true });
  });

  it('answers 422 for an invalid filter or event, and 403 for non-admins', async () => {
    const event = { event_type: 'x', data: {} };
    const bogus = await problem(await test({ filter: { $bogus: 1 }, event }));
    expect(bogus.errors?.map((e) => e.path)).toEqual(['body.filter']);
    expect(bogus.errors?.[0]?.message).toContain('$bogus');
    const where = await problem(await test({ filter: { $where: 'process.exit(1)' }, event }));
    expect(where.errors?.map((e) => e.path)).toEqual(['body.filter']);
    const noType = await problem(await test({ filter: {}, event: { data: {} } }));
    expect(noType.errors?.map((e) => e.path)).toEqual(['body.event.event_type']);
    const viewer = await makeApiKey('trigger');
    expect((await test({ filter: {}, event }, viewer.key)).status).toBe(403);
  });
});
