import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as item from '../app/api/v1/channels/[id]/route';
import * as test from '../app/api/v1/channels/[id]/test/route';
import * as usageRoute from '../app/api/v1/channels/[id]/usage/route';
import * as activityRoute from '../app/api/v1/channels/activity/route';
import type { ChannelActivity, ChannelUsage } from '../lib/channels/activity-schemas';
import { db, schema } from '../lib/db';
import type { MessageStatus } from '../lib/messages/schemas';
import { updateWorkflow } from '../lib/workflows/service';
import { call, makeApiKey, makeChannel, makeWorkflow, uniq } from './support/factories';
import { startHttpSink } from './support/http-sink';
import { webhookChannel } from './support/pipeline';
import { asUser } from './support/session-call';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk response JSON whose shape the test checks
type Json = Record<string, any>;

let key: string;
let viewer: Awaited<ReturnType<typeof asUser>>;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  viewer = await asUser('viewer');
});
afterEach(() => vi.restoreAllMocks());

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** Messages of one channel, oldest first, `minutesAgo` apart from now by their position unless given. */
async function seed(channelId: string, rows: { status: MessageStatus; ago: number; error?: string }[]) {
  await db()
    .insert(schema.messages)
    .values(
      rows.map((row) => ({
        channelId,
        recipient: 'a@example.test',
        status: row.status,
        idempotencyKey: `activity-${uniq()}-${uniq()}`,
        lastError: row.error ?? null,
        createdAt: minutesAgo(row.ago),
        updatedAt: minutesAgo(row.ago),
      })),
    );
}

async function activity(ids: string[], auth: Json = { key }) {
  const res = await call(activityRoute.GET, {
    path: `/api/v1/channels/activity?ids=${ids.join(',')}`,
    ...auth,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('GET /api/v1/channels/activity', () => {
  it('answers health, last error and 24 h success rate for a whole page of channels in one statement', async () => {
    const failing = await makeChannel();
    await seed(failing.id, [
      { status: 'sent', ago: 3 * 24 * 60 }, // outside the 24 hours, still among the newest messages
      { status: 'sent', ago: 50 },
      { status: 'delivered', ago: 40 },
      { status: 'sent', ago: 30 },
      { status: 'dead', ago: 20, error: 'HTTP 500 from the receiver' },
    ]);
    const degraded = await makeChannel();
    await seed(degraded.id, [
      { status: 'failed', ago: 90, error: 'HTTP 400: bad payload' },
      ...Array.from({ length: 5 }, (_, i) => ({ status: 'sent' as const, ago: 60 - i })),
    ]);
    const healthy = await makeChannel();
    await seed(healthy.id, [{ status: 'delivered', ago: 5 }]);
    const idle = await makeChannel();
    const disabled = await makeChannel({ enabled: false });
    await seed(disabled.id, [{ status: 'failed', ago: 5, error: 'refused' }]);
    const held = await makeChannel();
    await seed(held.id, [{ status: 'sent', ago: 5 }]);
    await db()
      .insert(schema.channelHolds)
      .values({ channelId: held.id, until: new Date(Date.now() + 60_000) });

    const ids = [failing, degraded, healthy, idle, disabled, held].map((c) => c.id);
    const statements = vi.spyOn(db().$client, 'query');
    const { status, body } = await activity([...ids, '00000000-0000-4000-8000-000000000000']);
    // The request's own statements (authentication aside): one, whatever the number of channels.
    const text = (args: unknown[]) => String((args[0] as { text?: string })?.text ?? args[0]);
    expect(statements.mock.calls.map(text).filter((sql) => /\bmessages\b/.test(sql))).toHaveLength(1);
    expect(status).toBe(200);
    const byId = new Map((body.data as ChannelActivity[]).map((a) => [a.channel_id, a]));
    expect([...byId.keys()].sort()).toEqual([...ids].sort()); // the unknown id is left out

    expect(byId.get(failing.id)).toMatchObject({
      health: 'failing',
      last_24h: { messages: 4, succeeded: 3, failed: 1, success_rate: 0.75 },
      recent: { finished: 5, failed: 1, last_status: 'dead' },
      last_error: 'HTTP 500 from the receiver',
    });
    const errorAt = Date.parse(byId.get(failing.id)!.last_error_at!);
    expect(Math.abs(errorAt - minutesAgo(20).getTime())).toBeLessThan(60_000);
    expect(byId.get(degraded.id)).toMatchObject({ health: 'degraded', last_error: 'HTTP 400: bad payload' });
    expect(byId.get(degraded.id)!.last_24h.success_rate).toBeCloseTo(5 / 6);
    expect(byId.get(healthy.id)).toMatchObject({ health: 'healthy', last_error: null });
    expect(byId.get(idle.id)).toMatchObject({
      health: 'idle',
      last_24h: { messages: 0, success_rate: null },
      last_error: null,
    });
    expect(byId.get(disabled.id)).toMatchObject({ health: 'disabled', last_error: 'refused' });
    expect(byId.get(held.id)).toMatchObject({ health: 'held', held_until: expect.any(String) });
  });

  it('viewers may read it; bad ids are a 422 naming the parameter; trigger keys are refused', async () => {
    const channel = await makeChannel();
    const read = await viewer(activityRoute.GET, { path: `/api/v1/channels/activity?ids=${channel.id}` });
    expect(read.status).toBe(200);

    const missing = await call(activityRoute.GET, { key, path: '/api/v1/channels/activity' });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as Json).errors[0].path).toBe('query.ids');

    const bad = await activity([channel.id, 'not-a-uuid']);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: 'query.ids.1', message: 'each id must be a UUID' }]);

    const many = await activity(Array.from({ length: 201 }, () => crypto.randomUUID()));
    expect(many.status).toBe(422);
    expect(many.body.detail).toContain('at most 200');

    const trigger = await makeApiKey('trigger');
    expect((await activity([channel.id], { key: trigger.key })).status).toBe(403);
  });
});

describe('channel usage and delete', () => {
  it('names the workflows and alert rules using a channel; DELETE is refused until none does', async () => {
    const channel = await makeChannel({ name: `used-${uniq()}` });
    const other = await makeChannel();
    const fallsBack = await makeChannel({ fallbackChannelId: channel.id });
    const workflow = await makeWorkflow({
      name: `Orders ${uniq()}`,
      steps: [
        { type: 'send', channel_id: channel.id, template: { body: 'hi' } },
        { type: 'condition', filter: {} },
        { type: 'send', channel_id: other.id, fallback_channel_id: channel.id, template: { body: 'again' } },
      ],
    } as never);
    const [rule] = await db()
      .insert(schema.alertRules)
      .values({
        name: `Pager ${uniq()}`,
        kind: 'dead_letters',
        params: { threshold: 1 },
        notifyChannelIds: [channel.id],
      })
      .returning();
    await seed(channel.id, [
      { status: 'queued', ago: 1 },
      { status: 'retrying', ago: 2 },
      { status: 'sent', ago: 3 },
    ]);

    const res = await viewer(usageRoute.GET, { params: { id: channel.id } });
    expect(res.status).toBe(200);
    const usage = (await res.json()) as ChannelUsage;
    expect(usage).toEqual({
      workflows: [{ id: workflow.id, key: workflow.key, name: workflow.name, enabled: true, steps: [0, 2] }],
      alert_rules: [{ id: rule!.id, name: rule!.name }],
      fallback_for: [{ id: fallsBack.id, name: fallsBack.name }],
      in_flight: 2,
      deletable: false,
    });

    const refused = await call(item.DELETE, { method: 'DELETE', key, params: { id: channel.id } });
    expect(refused.status).toBe(409);
    const detail = ((await refused.json()) as Json).detail as string;
    expect(detail).toContain(`"${workflow.name}" (${workflow.key})`);
    expect(detail).toContain(`alert rule(s) "${rule!.name}"`);
    expect(detail).toContain('disable this channel instead');

    const viewerDelete = await viewer(item.DELETE, { method: 'DELETE', params: { id: channel.id } });
    expect(viewerDelete.status).toBe(403);
    expect(((await viewerDelete.json()) as Json).detail).toMatch(/viewer .* may not do this/);

    await updateWorkflow(workflow.id, { steps: [{ type: 'condition', filter: {} }] }, { principal: null });
    await db().delete(schema.alertRules);
    const after = (await (
      await call(usageRoute.GET, { key, params: { id: channel.id } })
    ).json()) as ChannelUsage;
    expect(after).toMatchObject({ workflows: [], alert_rules: [], deletable: true });
    expect((await call(item.DELETE, { method: 'DELETE', key, params: { id: channel.id } })).status).toBe(204);
    const fallback = (await (await call(item.GET, { key, params: { id: fallsBack.id } })).json()) as Json;
    expect(fallback.fallback_channel_id).toBeNull();

    const gone = await call(usageRoute.GET, { key, params: { id: channel.id } });
    expect(gone.status).toBe(404);
    const badId = await call(usageRoute.GET, { key, params: { id: 'nope' } });
    expect(badId.status).toBe(422);
    expect(((await badId.json()) as Json).errors[0].path).toBe('params.id');
  });
});

describe('POST /api/v1/channels/:id/test', () => {
  it("shows the provider's status code and error body", async () => {
    const sink = await startHttpSink();
    try {
      const channel = await webhookChannel(`${sink.url}/hook`);
      sink.respondWith(() => ({ status: 422, body: '{"error":"unknown recipient"}' }));
      const failed = (await (
        await call(test.POST, { method: 'POST', key, params: { id: channel.id }, body: {} })
      ).json()) as Json;
      expect(failed).toMatchObject({ ok: false, retryable: false, response_code: 422 });
      expect(JSON.stringify(failed.response)).toContain('unknown recipient');
      sink.respondWith(() => ({ status: 202, body: 'accepted' }));
      const sent = (await (
        await call(test.POST, { method: 'POST', key, params: { id: channel.id }, body: {} })
      ).json()) as Json;
      expect(sent).toMatchObject({ ok: true, response_code: 202 });
    } finally {
      await sink.close();
    }
  });
});
