import { createHmac, randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import * as hook from '../app/api/v1/hooks/[trigger_id]/route';
import * as triggerItem from '../app/api/v1/triggers/[id]/route';
import * as triggers from '../app/api/v1/triggers/route';
import { isEncrypted } from '../lib/crypto/secret-box';
import { db, schema } from '../lib/db';
import type { TriggerView } from '../lib/triggers/schemas';
import { call, makeApiKey, makeTrigger, makeWorkflow } from './support/factories';

const HMAC_SECRET = 'hmac-secret-0123456789abcdef';
const STANDARD_SECRET = `whsec_${Buffer.from('standard-webhooks-secret-32-bytes').toString('base64')}`;

let key: string;
beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
});

async function webhookTrigger(config: Record<string, unknown>, enabled = true) {
  const workflow = await makeWorkflow();
  const trigger = await makeTrigger(workflow.id, { type: 'webhook', enabled, config } as never);
  return { workflow, trigger };
}

const hmacConfig = (extra: Record<string, unknown> = {}) => ({
  verification: { type: 'hmac', header: 'X-Signature', secret: HMAC_SECRET, ...extra },
  event_type: 'order.paid',
  delivery_id_header: 'X-Delivery',
});

function hmac(body: string, encoding: 'hex' | 'base64' = 'hex', secret = HMAC_SECRET): string {
  return createHmac('sha256', secret).update(body).digest(encoding);
}

function deliver(triggerId: string, rawBody: string, headers: Record<string, string> = {}) {
  return call(hook.POST, {
    method: 'POST',
    path: `/api/v1/hooks/${triggerId}`,
    rawBody,
    headers,
    params: { trigger_id: triggerId },
  });
}

function standardHeaders(body: string, id = `msg_${randomUUID()}`, at = new Date()) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(STANDARD_SECRET).sign(id, at, body),
  };
}

async function eventsOf(triggerId: string) {
  return db().select().from(schema.events).where(eq(schema.events.triggerId, triggerId));
}

async function totals() {
  const [events] = await db().select({ n: count() }).from(schema.events);
  const [runs] = await db().select({ n: count() }).from(schema.workflowRuns);
  return { events: events!.n, runs: runs!.n };
}

type Receipt = {
  event_id: string;
  duplicate: boolean;
  status: string;
  error?: string;
  runs: { workflow_id: string; run_id: string }[];
};

describe('POST /api/v1/hooks/:trigger_id', () => {
  it('accepts a valid HMAC signature with 202, stores the event and starts a run', async () => {
    const { workflow, trigger } = await webhookTrigger(hmacConfig());
    const body = JSON.stringify({ order: 42, total: 9.5 });
    const res = await deliver(trigger.id, body, { 'x-signature': hmac(body), 'x-delivery': 'd-1' });
    expect(res.status).toBe(202);
    const receipt = (await res.json()) as Receipt;
    expect(receipt).toMatchObject({ duplicate: false, status: 'accepted' });
    expect(receipt.runs).toEqual([{ workflow_id: workflow.id, run_id: expect.any(String) }]);
    const [event] = await eventsOf(trigger.id);
    expect(event).toMatchObject({
      id: receipt.event_id,
      source: 'webhook',
      sourceId: `${trigger.id}:d-1`,
      eventType: 'order.paid',
      status: 'accepted',
    });
    expect(event?.payload).toMatchObject({ event_type: 'order.paid', data: { order: 42, total: 9.5 } });
  });

  it('checks a prefixed base64 HMAC over the raw bytes, not a re-serialisation', async () => {
    const { trigger } = await webhookTrigger(hmacConfig({ encoding: 'base64', prefix: 'sha256=' }));
    const body = '{ "spaced" :  true }';
    const res = await deliver(trigger.id, body, { 'x-signature': `sha256=${hmac(body, 'base64')}` });
    expect(res.status).toBe(202);
    const unprefixed = await deliver(trigger.id, body, { 'x-signature': hmac(body, 'base64') });
    expect(unprefixed.status).toBe(401);
  });

  it('refuses a wrong, missing or other-secret signature with 401 and stores nothing', async () => {
    const { trigger } = await webhookTrigger(hmacConfig());
    const body = JSON.stringify({ order: 1 });
    const before = await totals();
    const attempts: Record<string, string>[] = [
      {},
      { 'x-signature': hmac(`${body} `) },
      { 'x-signature': hmac(body, 'hex', 'another-secret') },
      { 'x-signature': 'zz-not-hex' },
      { 'x-signature': '' },
    ];
    for (const headers of attempts) {
      const res = await deliver(trigger.id, body, { ...headers, 'x-delivery': randomUUID() });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    // Not even a bad signature on a body that is not JSON leaves an invalid event behind.
    expect((await deliver(trigger.id, 'not json', { 'x-signature': 'abc' })).status).toBe(401);
    expect(await totals()).toEqual(before);
  });

  it('verifies Standard Webhooks, refuses stale or future timestamps, and dedupes on webhook-id', async () => {
    const { trigger } = await webhookTrigger({
      verification: { type: 'standard', secret: STANDARD_SECRET },
      tolerance_seconds: 60,
      event_type_path: 'type',
      data_path: 'payload',
    });
    const body = JSON.stringify({ type: 'invoice.created', payload: { invoice: 'inv_1' } });
    const before = await totals();
    const stale = await deliver(
      trigger.id,
      body,
      standardHeaders(body, 'msg_stale', new Date(Date.now() - 120_000)),
    );
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { detail: string }).detail).toContain('within 60 s');
    const future = await deliver(
      trigger.id,
      body,
      standardHeaders(body, 'msg_future', new Date(Date.now() + 120_000)),
    );
    expect(future.status).toBe(401);
    const tampered = standardHeaders(body, 'msg_tampered');
    expect((await deliver(trigger.id, body.replace('inv_1', 'inv_2'), tampered)).status).toBe(401);
    const missing = standardHeaders(body);
    expect((await deliver(trigger.id, body, { ...missing, 'webhook-signature': '' } as never)).status).toBe(
      401,
    );
    expect(await totals()).toEqual(before);

    const headers = standardHeaders(body, 'msg_1');
    const first = await deliver(trigger.id, body, headers);
    expect(first.status).toBe(202);
    const receipt = (await first.json()) as Receipt;
    // The sender retries the same delivery (same webhook-id, freshly signed).
    const again = await deliver(trigger.id, body, standardHeaders(body, 'msg_1'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, event_id: receipt.event_id });
    const events = await eventsOf(trigger.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: 'invoice.created',
      payload: { data: { invoice: 'inv_1' } },
    });
  });

  it('answers 413 above max_body_bytes and stores nothing', async () => {
    const { trigger } = await webhookTrigger({ ...hmacConfig(), max_body_bytes: 1024 });
    const body = JSON.stringify({ blob: 'x'.repeat(2000) });
    const before = await totals();
    const res = await deliver(trigger.id, body, { 'x-signature': hmac(body) });
    expect(res.status).toBe(413);
    // Without a Content-Length the body is still cut off at the limit while it streams in.
    const streamed = await hook.POST(
      new Request(`http://localhost/api/v1/hooks/${trigger.id}`, {
        method: 'POST',
        headers: { 'x-signature': hmac(body) },
        body: new Blob([body]).stream(),
        duplex: 'half',
      } as RequestInit),
      { params: Promise.resolve({ trigger_id: trigger.id }) },
    );
    expect(streamed.status).toBe(413);
    expect(await totals()).toEqual(before);
  });

  it('keeps a signed body that is not JSON, or does not map, as an invalid event with 202', async () => {
    const { trigger } = await webhookTrigger({
      ...hmacConfig(),
      event_type: undefined,
      event_type_path: 'kind',
    });
    const text = 'hello=world&not=json';
    const res = await deliver(trigger.id, text, { 'x-signature': hmac(text), 'content-type': 'text/plain' });
    expect(res.status).toBe(202);
    const receipt = (await res.json()) as Receipt;
    expect(receipt).toMatchObject({
      status: 'invalid',
      runs: [],
      error: expect.stringContaining('not JSON'),
    });
    const unmapped = JSON.stringify({ no_kind: true });
    const res2 = await deliver(trigger.id, unmapped, { 'x-signature': hmac(unmapped) });
    expect(res2.status).toBe(202);
    expect(await res2.json()).toMatchObject({ status: 'invalid', error: 'no event type (a string) at kind' });
    const rows = await eventsOf(trigger.id);
    expect(rows.map((r) => [r.status, r.raw]).sort()).toEqual(
      [
        ['invalid', text],
        ['invalid', unmapped],
      ].sort(),
    );
  });

  it('answers 404 for a disabled, unknown or non-webhook trigger', async () => {
    const body = '{}';
    const { trigger: disabled } = await webhookTrigger(hmacConfig(), false);
    expect((await deliver(disabled.id, body, { 'x-signature': hmac(body) })).status).toBe(404);
    expect((await deliver(randomUUID(), body)).status).toBe(404);
    const api = await makeTrigger((await makeWorkflow()).id);
    expect((await deliver(api.id, body)).status).toBe(404);
  });

  it('stores secrets encrypted and shows them masked; a mask sent back keeps the secret', async () => {
    const { trigger } = await webhookTrigger(hmacConfig());
    const read = await call(triggerItem.GET, { key, params: { id: trigger.id } });
    const view = (await read.json()) as TriggerView;
    expect(view.config.verification).toEqual({
      type: 'hmac',
      header: 'X-Signature',
      encoding: 'hex',
      secret: `••••${HMAC_SECRET.slice(-4)}`,
    });
    expect(JSON.stringify(view)).not.toContain(HMAC_SECRET);
    const [row] = await db().select().from(schema.triggers).where(eq(schema.triggers.id, trigger.id));
    expect(isEncrypted((row!.config.verification as { secret: string }).secret)).toBe(true);

    const patched = await call(triggerItem.PATCH, {
      method: 'PATCH',
      key,
      params: { id: trigger.id },
      body: { config: { ...view.config, event_type: 'order.refunded' } },
    });
    expect(patched.status).toBe(200);
    const body = '{"ok":true}';
    expect((await deliver(trigger.id, body, { 'x-signature': hmac(body) })).status).toBe(202);
  });

  it('validates the config: one of event_type / event_type_path, a usable Standard Webhooks secret', async () => {
    const workflow = await makeWorkflow();
    const create = async (config: Record<string, unknown>) => {
      const res = await call(triggers.POST, {
        method: 'POST',
        key,
        body: { name: 'hook', type: 'webhook', workflow_id: workflow.id, config },
      });
      return { status: res.status, body: (await res.json()) as { errors?: { path: string }[] } };
    };
    const neither = await create({ verification: { type: 'none' } });
    expect(neither.status).toBe(422);
    expect(neither.body.errors?.map((e) => e.path)).toEqual(['body.config.event_type']);
    const both = await create({ verification: { type: 'none' }, event_type: 'a', event_type_path: 'b' });
    expect(both.status).toBe(422);
    const badSecret = await create({ verification: { type: 'standard', secret: 'whsec_' }, event_type: 'a' });
    expect(badSecret.body.errors?.map((e) => e.path)).toEqual(['body.config.verification.secret']);
    const none = await create({ verification: { type: 'none' }, event_type: 'a' });
    expect(none.status).toBe(201);
  });
});
