import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as message from '../app/api/v1/messages/[id]/route';
import * as messages from '../app/api/v1/messages/route';
import * as preview from '../app/api/v1/workflows/[key]/preview/route';
import * as trigger from '../app/api/v1/workflows/[key]/trigger/route';
import { call, makeApiKey, makeWorkflow, uniq } from './support/factories';
import { type HttpSink, startHttpSink } from './support/http-sink';
import {
  apiWorkflow,
  messagesOfWorkflow,
  postEvent,
  startTestWorker,
  waitFor,
  webhookChannel,
} from './support/pipeline';

let sink: HttpSink;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
let key: string;

beforeAll(async () => {
  [sink, worker] = await Promise.all([startHttpSink(), startTestWorker()]);
  key = (await makeApiKey('admin')).key;
});
afterAll(async () => {
  await worker?.stop();
  await sink?.close();
});

const arrivals = (path: string) => sink.requests.filter((r) => r.path === path);

describe('workflow steps', () => {
  it('a delay step holds the following send for its seconds', async () => {
    const hook = await webhookChannel(`${sink.url}/delayed`);
    await apiWorkflow('delay.evt', [
      { type: 'delay', seconds: 2 },
      { type: 'send', channel_id: hook.id, template: { body: '{"late": true}' } },
    ]);
    const posted = Date.now();
    await postEvent({ event_type: 'delay.evt', data: {} });
    await waitFor(async () => arrivals('/delayed').length === 1, 20_000, 'delayed delivery');
    expect(arrivals('/delayed')[0]!.receivedAt - posted).toBeGreaterThanOrEqual(2000);
  }, 30_000);

  it('a digest step collects the events of its window into one send', async () => {
    const hook = await webhookChannel(`${sink.url}/digest`);
    const workflow = await apiWorkflow('digest.evt', [
      { type: 'digest', window_seconds: 2, key: '{{ data.user }}' },
      {
        type: 'send',
        channel_id: hook.id,
        template: {
          body: '{"count": {{ events | size }}, "items": [{% for e in events %}"{{ e.data.item }}"{% unless forloop.last %},{% endunless %}{% endfor %}]}',
        },
      },
    ]);
    for (const item of ['a', 'b', 'c'])
      await postEvent({ event_type: 'digest.evt', data: { user: 'u1', item } });
    await postEvent({ event_type: 'digest.evt', data: { user: 'u2', item: 'z' } });
    await waitFor(async () => arrivals('/digest').length === 2, 20_000, 'two digests (one per key)');
    const bodies = arrivals('/digest')
      .map((r) => JSON.parse(r.body) as { count: number; items: string[] })
      .sort((x, y) => y.count - x.count);
    expect(bodies).toEqual([
      { count: 3, items: ['a', 'b', 'c'] },
      { count: 1, items: ['z'] },
    ]);
    expect(await messagesOfWorkflow(workflow.id)).toHaveLength(2);
  }, 30_000);

  it('POST /workflows/:key/trigger?wait answers 200 with the final messages', async () => {
    const hook = await webhookChannel(`${sink.url}/sync`);
    const workflow = await makeWorkflow({
      steps: [{ type: 'send', channel_id: hook.id, template: { body: '{"n": {{ data.n }}}' } }] as never,
    });
    const res = await call(trigger.POST, {
      method: 'POST',
      key,
      path: `/api/v1/workflows/${workflow.key}/trigger?wait=10`,
      params: { key: workflow.key },
      body: { data: { n: 5 } },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { done: boolean; messages: { status: string }[] };
    expect(body.done).toBe(true);
    expect(body.messages.map((m) => m.status)).toEqual(['sent']);

    const quick = await call(trigger.POST, {
      method: 'POST',
      key,
      path: `/api/v1/workflows/${workflow.key}/trigger`,
      params: { key: workflow.key },
      body: { data: { n: 6 } },
    });
    expect(quick.status).toBe(202);
    expect(await quick.json()).toMatchObject({ run_id: expect.any(String), workflow_id: workflow.id });
  }, 30_000);

  it('preview renders every step without sending, and names template errors', async () => {
    const hook = await webhookChannel(`${sink.url}/never`);
    const workflow = await makeWorkflow({
      steps: [
        { type: 'condition', filter: { 'data.vip': true } },
        {
          type: 'send',
          channel_id: hook.id,
          to: '{{ data.to }}',
          template: { subject: 'Hi {{ data.name }}', body: '{"body": "{{ data.nope }}"}' },
        },
      ] as never,
    });
    const res = await call(preview.POST, {
      method: 'POST',
      key,
      params: { key: workflow.key },
      body: { data: { vip: true, name: 'Ada', to: 'a@x.test' } },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      steps: { type: string; matches?: boolean; messages?: { error?: string }[] }[];
    };
    expect(body.steps[0]).toMatchObject({ type: 'condition', matches: true });
    expect(body.steps[1]!.messages![0]!.error).toContain('data.nope');
    expect(arrivals('/never')).toHaveLength(0);
  });

  it('messages can be filtered by status and channel and searched by content; one message comes with its attempts', async () => {
    const hook = await webhookChannel(`${sink.url}/search`);
    const word = `zebra${uniq()}`;
    await apiWorkflow('search.evt', [
      { type: 'send', channel_id: hook.id, template: { body: `{"text": "{{ data.text }}"}` } },
    ]);
    await postEvent({ event_type: 'search.evt', data: { text: `a ${word} crossing` } });
    await postEvent({ event_type: 'search.evt', data: { text: 'nothing to see' } });
    await waitFor(async () => arrivals('/search').length === 2, 20_000, 'two sent');
    const list = async (query: string) =>
      (
        (await (await call(messages.GET, { key, path: `/api/v1/messages?${query}` })).json()) as {
          data: { id: string; status: string }[];
        }
      ).data;
    await waitFor(
      async () => (await list(`channel_id=${hook.id}&status=sent`)).length === 2,
      10_000,
      'both sent',
    );
    const found = await list(`q=${word}`);
    expect(found).toHaveLength(1);
    expect(await list(`channel_id=${hook.id}&status=dead`)).toHaveLength(0);
    const detail = (await (await call(message.GET, { key, params: { id: found[0]!.id } })).json()) as {
      attempts: { outcome: string; response_code: number }[];
    };
    expect(detail.attempts).toEqual([expect.objectContaining({ outcome: 'success', response_code: 200 })]);
    const bad = await call(messages.GET, { key, path: '/api/v1/messages?status=lost' });
    expect(bad.status).toBe(422);
  }, 30_000);
});
