import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as replay from '../app/api/v1/events/[id]/replay/route';
import * as eventItem from '../app/api/v1/events/[id]/route';
import { db, schema } from '../lib/db';
import type { EventDetail } from '../lib/events/schemas';
import { updateTrigger } from '../lib/triggers/service';
import { callAs, consoleSession } from './support/console-session';
import { call, makeApiKey, makeTrigger, makeUser, makeWorkflow, uniq } from './support/factories';
import { postEvent } from './support/pipeline';

type Json = Record<string, unknown> & { errors?: { path: string }[]; detail?: string };

async function replayAs(key: string, id: string, headers: Record<string, string> = {}) {
  const res = await call(replay.POST, { method: 'POST', key, params: { id }, headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

async function detail(key: string, id: string) {
  const res = await call(eventItem.GET, { key, params: { id } });
  return (await res.json()) as EventDetail;
}

/** An api workflow (a condition step: runs complete without sending) and an accepted event that started a run. */
async function acceptedEvent() {
  const type = `replay.${uniq()}`;
  const workflow = await makeWorkflow();
  await makeTrigger(workflow.id, { config: { filter: { event_type: type } } } as never);
  const res = await postEvent({ event_type: type, data: { n: 1 } });
  expect(res.status).toBe(202);
  const accepted = (await res.json()) as { event_id: string; runs: { run_id: string }[] };
  expect(accepted.runs).toHaveLength(1);
  return { workflow, accepted };
}

describe('event detail and replay', () => {
  it('replays an api event through the matching triggers: a new run, shown with its replay id, audited', async () => {
    const { key } = await makeApiKey('admin');
    const { workflow, accepted } = await acceptedEvent();
    const first = await replayAs(key, accepted.event_id);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ event_id: accepted.event_id, duplicate: false });
    const runs = first.body.runs as { run_id: string; workflow_id: string }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]!.workflow_id).toBe(workflow.id);
    expect(runs[0]!.run_id).not.toBe(accepted.runs[0]!.run_id);

    const event = await detail(key, accepted.event_id);
    expect(event.runs.map((r) => [r.id, r.replay_id])).toEqual([
      [accepted.runs[0]!.run_id, null],
      [runs[0]!.run_id, first.body.replay_id],
    ]);
    expect(event.runs[1]).toMatchObject({ workflow_key: workflow.key, status: 'completed' });

    const [entry] = await db()
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.action, 'event.replay'), eq(schema.auditLog.resourceId, accepted.event_id)),
      );
    expect(entry!.changes).toMatchObject({ replay_id: first.body.replay_id, runs });
  });

  it('is idempotent per Idempotency-Key: the repeat answers the first replay and starts nothing', async () => {
    const { key } = await makeApiKey('admin');
    const { accepted } = await acceptedEvent();
    const idempotencyKey = `replay-${uniq()}`;
    const [a, b] = await Promise.all([
      replayAs(key, accepted.event_id, { 'idempotency-key': idempotencyKey }),
      replayAs(key, accepted.event_id, { 'idempotency-key': idempotencyKey }),
    ]);
    expect(a.body.replay_id).toBe(b.body.replay_id);
    expect([a.body.duplicate, b.body.duplicate].sort()).toEqual([false, true]);
    const again = await replayAs(key, accepted.event_id, { 'idempotency-key': idempotencyKey });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.runs).toEqual(a.body.runs);
    // A fresh key is a fresh replay.
    await replayAs(key, accepted.event_id, { 'idempotency-key': `replay-${uniq()}` });
    expect((await detail(key, accepted.event_id)).runs).toHaveLength(3);
  });

  it('replays a broker event through the trigger that received it, only while it matches and is enabled', async () => {
    const { key } = await makeApiKey('admin');
    const workflow = await makeWorkflow();
    const trigger = await makeTrigger(workflow.id, { config: { filter: { 'data.vip': true } } } as never);
    const insert = async (vip: boolean) => {
      const [row] = await db()
        .insert(schema.events)
        .values({
          source: 'kafka',
          sourceId: `orders/0/${uniq()}`,
          triggerId: trigger.id,
          eventType: 'order.placed',
          payload: { event_type: 'order.placed', timestamp: new Date().toISOString(), data: { vip } },
        })
        .returning();
      return row!;
    };
    const vip = await insert(true);
    const plain = await insert(false);
    expect(((await replayAs(key, vip.id)).body.runs as unknown[]).length).toBe(1);
    expect((await replayAs(key, plain.id)).body.runs).toEqual([]);

    await updateTrigger(trigger.id, { enabled: false }, { principal: null });
    const disabled = await replayAs(key, vip.id);
    expect(disabled.status).toBe(409);
    expect(disabled.body.detail).toBe(
      `trigger "${trigger.name}" is disabled; enable it to replay its events`,
    );
  });

  it('shows an invalid event with its raw payload and error, and refuses to replay it', async () => {
    const { key } = await makeApiKey('admin');
    const [bad] = await db()
      .insert(schema.events)
      .values({
        source: 'rabbitmq',
        sourceId: `q:${uniq()}`,
        status: 'invalid',
        raw: '{oops',
        error: 'not JSON',
      })
      .returning();
    const event = await detail(key, bad!.id);
    expect(event).toMatchObject({ status: 'invalid', raw: '{oops', error: 'not JSON', runs: [] });
    const res = await replayAs(key, bad!.id);
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe(
      `event ${bad!.id} is invalid (not JSON); only accepted events can be replayed`,
    );
  });

  it('names bad input, unknown events, and refuses viewers', async () => {
    const { key } = await makeApiKey('admin');
    const { accepted } = await acceptedEvent();
    const badKey = await replayAs(key, accepted.event_id, { 'idempotency-key': 'has spaces' });
    expect(badKey.status).toBe(422);
    expect(badKey.body.errors?.[0]?.path).toBe('headers.idempotency-key');
    expect((await replayAs(key, randomUUID())).status).toBe(404);
    const badId = await call(eventItem.GET, { key, params: { id: 'nope' } });
    expect(badId.status).toBe(422);

    const viewer = await consoleSession(await makeUser('viewer'));
    const refused = await callAs(viewer, replay.POST, { method: 'POST', params: { id: accepted.event_id } });
    expect(refused.status).toBe(403);
    const read = await callAs(viewer, eventItem.GET, { params: { id: accepted.event_id } });
    expect(read.status).toBe(200);
    expect((await detail(key, accepted.event_id)).runs).toHaveLength(1);
  });
});
