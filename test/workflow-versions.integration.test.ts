import { and, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/workflows/[key]/route';
import * as restore from '../app/api/v1/workflows/[key]/versions/[version]/restore/route';
import * as one from '../app/api/v1/workflows/[key]/versions/[version]/route';
import * as list from '../app/api/v1/workflows/[key]/versions/route';
import * as collection from '../app/api/v1/workflows/route';
import { db, schema } from '../lib/db';
import type { WorkflowView } from '../lib/workflows/schemas';
import { type WorkflowVersionView, workflowVersionSchema } from '../lib/workflows/version-schemas';
import { sessionCookie } from './security/session-cookie';
import { call, makeApiKey, makeChannel, makeUser, uniq } from './support/factories';

type Page = { data: WorkflowVersionView[]; next_cursor: string | null; prev_cursor: string | null };
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

let key: string;
let keyName: string;
beforeAll(async () => {
  const created = await makeApiKey('admin');
  key = created.key;
  keyName = created.name;
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** With a session cookie the route needs a NextRequest: its parsed cookies carry the session. */
function asUser(
  handler: Handler,
  cookie: string,
  init: { method?: string; body?: unknown; params: Record<string, string> },
) {
  const req = new NextRequest('http://localhost/', {
    method: init.method ?? 'GET',
    headers: { cookie, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(req, { params: Promise.resolve(init.params) });
}

const create = (body: unknown) => call(collection.POST, { method: 'POST', key, body });
const patch = (ref: string, body: unknown) =>
  call(item.PATCH, { method: 'PATCH', key, body, params: { key: ref } });
const versions = (ref: string, query = '') =>
  call(list.GET, { key, path: `/versions${query}`, params: { key: ref } });
const version = (ref: string, n: number | string) =>
  call(one.GET, { key, params: { key: ref, version: String(n) } });
const restoreVersion = (ref: string, n: number) =>
  call(restore.POST, { method: 'POST', key, params: { key: ref, version: String(n) } });

async function newWorkflow(steps: unknown[]): Promise<WorkflowView> {
  const res = await create({ key: `wf-${uniq()}`, name: 'First name', description: 'v1', steps });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as WorkflowView;
}

async function numbers(ref: string): Promise<number[]> {
  const res = await versions(ref, '?limit=200');
  expect(res.status).toBe(200);
  return ((await res.json()) as Page).data.map((v) => v.version);
}

const delay = (seconds: number) => ({ type: 'delay', seconds });

describe('workflow versions', () => {
  it('keeps every save as a version, newest first, with who saved it', async () => {
    const workflow = await newWorkflow([delay(5)]);
    expect((await patch(workflow.key, { name: 'Second name' })).status).toBe(200);
    expect((await patch(workflow.id, { steps: [delay(5), delay(10)], enabled: false })).status).toBe(200);

    const res = await versions(workflow.key);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(page.data.map((v) => workflowVersionSchema.parse(v).version)).toEqual([3, 2, 1]);
    expect(page.next_cursor).toBeNull();
    const [third, second, first] = page.data;
    expect(first).toMatchObject({ name: 'First name', description: 'v1', enabled: true, steps: [delay(5)] });
    expect(second).toMatchObject({ name: 'Second name', enabled: true, steps: [delay(5)] });
    expect(third).toMatchObject({ name: 'Second name', enabled: false, steps: [delay(5), delay(10)] });
    for (const v of page.data) {
      expect(v.workflow_id).toBe(workflow.id);
      expect(v.created_by).toMatchObject({ type: 'api_key', label: keyName });
      expect(v.restored_from).toBeNull();
    }

    const got = await version(workflow.key, 1);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(first);
  });

  it('numbers concurrent saves one after another, each with its own definition', async () => {
    const workflow = await newWorkflow([delay(1)]);
    const results = await Promise.all([2, 3, 4, 5, 6].map((n) => patch(workflow.key, { steps: [delay(n)] })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const page = ((await (await versions(workflow.key)).json()) as Page).data;
    expect(page.map((v) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);
    // Each version holds what its own save wrote: every delay appears exactly once.
    expect(page.map((v) => (v.steps[0] as { seconds: number }).seconds).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const current = (await (
      await call(item.GET, { key, params: { key: workflow.key } })
    ).json()) as WorkflowView;
    expect(current.steps).toEqual(page[0]!.steps);
  });

  it('pages by version with a cursor and refuses a forged one', async () => {
    const workflow = await newWorkflow([delay(1)]);
    for (const n of [2, 3, 4]) await patch(workflow.key, { steps: [delay(n)] });
    const first = (await (await versions(workflow.key, '?limit=3')).json()) as Page;
    expect(first.data.map((v) => v.version)).toEqual([4, 3, 2]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = (await (
      await versions(workflow.key, `?limit=3&cursor=${first.next_cursor}`)
    ).json()) as Page;
    expect(second.data.map((v) => v.version)).toEqual([1]);
    expect(second.next_cursor).toBeNull();
    expect(first.prev_cursor).toBeNull();
    // Back from the last page: a short page before it would be, so the full first page is answered.
    const back = (await (
      await versions(workflow.key, `?limit=3&before=${second.prev_cursor}`)
    ).json()) as Page;
    expect(back.data.map((v) => v.version)).toEqual([4, 3, 2]);
    expect(back.prev_cursor).toBeNull();
    const middle = (await (
      await versions(workflow.key, `?limit=2&before=${second.prev_cursor}`)
    ).json()) as Page;
    expect(middle.data.map((v) => v.version)).toEqual([3, 2]);
    expect(middle.prev_cursor).toEqual(expect.any(String));
    expect(middle.next_cursor).toEqual(expect.any(String));

    const forged = await versions(workflow.key, '?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as Problem).errors?.[0]?.path).toBe('query.cursor');
    // Beyond PostgreSQL's integer: refused as a bad cursor, not passed on to fail in the database.
    const huge = Buffer.from(JSON.stringify([1e20])).toString('base64url');
    expect((await versions(workflow.key, `?cursor=${huge}`)).status).toBe(400);
  });

  it('answers 404 for an unknown version or workflow and 422 for a version that is not a number', async () => {
    const workflow = await newWorkflow([delay(1)]);
    const missing = await version(workflow.key, 9);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Problem).detail).toBe(`workflow "${workflow.key}" has no version 9`);
    expect((await versions(`nope-${uniq()}`)).status).toBe(404);
    expect((await restoreVersion(workflow.key, 9)).status).toBe(404);
    const bad = await version(workflow.key, 'latest');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Problem).errors?.[0]?.path).toBe('params.version');
  });

  it('restores an old version as a new one, keeps enabled as it is, and records it in the audit log', async () => {
    const channel = await makeChannel();
    const send = { type: 'send', channel_id: channel.id, to: 'a@x.test', template: { body: 'Hi' } };
    const workflow = await newWorkflow([send, delay(5)]);
    await patch(workflow.key, { name: 'Renamed', description: null, steps: [delay(60)], enabled: false });

    const res = await restoreVersion(workflow.key, 1);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({
      version: 3,
      name: 'First name',
      description: 'v1',
      steps: [send, delay(5)],
      enabled: false,
    });
    const latest = ((await (await versions(workflow.key)).json()) as Page).data[0]!;
    expect(latest).toMatchObject({ version: 3, restored_from: 1, steps: [send, delay(5)], enabled: false });

    const entries = await db()
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.resourceId, workflow.id), eq(schema.auditLog.action, 'workflow.restore')),
      );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: 'api_key', actorLabel: keyName, resourceType: 'workflow' });
    expect(entries[0]!.changes).toMatchObject({ restored_version: 1, version: 3, name: 'First name' });
  });

  it('refuses to restore a version whose channel has been deleted, naming it, and saves nothing', async () => {
    const channel = await makeChannel({ name: `Ops hook ${uniq()}` });
    const send = { type: 'send', channel_id: channel.id, to: 'a@x.test', template: { body: 'Hi' } };
    const workflow = await newWorkflow([delay(1), send]);
    await patch(workflow.key, { steps: [delay(1)] });
    await db().delete(schema.channels).where(eq(schema.channels.id, channel.id));

    const res = await restoreVersion(workflow.key, 1);
    expect(res.status).toBe(409);
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toContain(`"${channel.name}" (${channel.id}) no longer exists`);
    expect(problem.detail).toMatch(/^version 1 cannot be restored/);
    expect(problem.errors).toEqual([
      { path: 'steps.1.channel_id', message: `channel "${channel.name}" (${channel.id}) no longer exists` },
    ]);
    expect(await numbers(workflow.key)).toEqual([2, 1]);
  });

  it('lets a viewer read versions but not restore one', async () => {
    const workflow = await newWorkflow([delay(1)]);
    await patch(workflow.key, { steps: [delay(2)] });
    const viewer = await makeUser('viewer');
    const cookie = await sessionCookie(viewer.id, viewer.email);
    const params = { key: workflow.key, version: '1' };
    expect((await asUser(list.GET, cookie, { params })).status).toBe(200);
    expect((await asUser(one.GET, cookie, { params })).status).toBe(200);
    const refused = await asUser(restore.POST, cookie, { method: 'POST', params });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Problem).detail).toMatch(/viewer .* may not do this/);
    expect(await numbers(workflow.key)).toEqual([2, 1]);
  });

  it('records the signed-in user as the one who saved a version', async () => {
    const admin = await makeUser('admin');
    const cookie = await sessionCookie(admin.id, admin.email);
    const workflow = await newWorkflow([delay(1)]);
    const res = await asUser(item.PATCH, cookie, {
      method: 'PATCH',
      body: { name: 'By a person' },
      params: { key: workflow.key },
    });
    expect(res.status).toBe(200);
    const got = (await (await version(workflow.key, 2)).json()) as WorkflowVersionView;
    expect(got.created_by).toEqual({ type: 'user', id: admin.id, label: admin.email });
  });
});
