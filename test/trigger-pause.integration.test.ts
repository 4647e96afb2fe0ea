import { beforeAll, describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/triggers/[id]/route';
import { kafkaAndWorkerForFile, kafkaTrigger as newKafkaTrigger } from './support/broker-triggers';
import { waitForCount } from './support/brokers';
import { eventsOf, runsPerMatchingEvent } from './support/event-counts';
import { call, makeApiKey, uniq } from './support/factories';
import { startTestTriggerManager } from './support/pipeline';
import { asUser } from './support/session-call';

// Pausing a trigger is `PATCH {enabled: false}`: every worker's trigger manager stops its consumer, and messages
// produced meanwhile wait in the topic until it is resumed, when they are consumed exactly once.

const running = kafkaAndWorkerForFile();
let key: string;

beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
});

const kafkaTrigger = () =>
  newKafkaTrigger(running.admin, { prefix: 'sb-pause', partitions: 2, config: { offset: 'earliest' } });

async function produce(topic: string, from: number, to: number) {
  const messages = [];
  for (let i = from; i < to; i++)
    messages.push({
      key: String(i),
      value: JSON.stringify({ event_type: 'pause.test', data: { i, keep: true } }),
    });
  await running.producer.send({ topic, messages });
}

const members = async (group: string) =>
  (await running.admin.describeGroups([group])).groups[0]?.members.length ?? 0;

function patch(
  id: string,
  body: unknown,
  auth: { key?: string; headers?: Record<string, string> } = { key },
) {
  return call(item.PATCH, { method: 'PATCH', params: { id }, body, ...auth });
}

describe('pausing and resuming a Kafka trigger (real broker)', () => {
  it('a paused trigger consumes nothing; once resumed it reads what waited, each message once', async () => {
    const { topic, group, trigger } = await kafkaTrigger();
    const manager = await startTestTriggerManager(running.worker.deps, `pause-${uniq()}`);
    try {
      await waitForCount(() => members(group), 1, 30_000, 'consumer joined');
      await produce(topic, 0, 10);
      await waitForCount(() => eventsOf(trigger.id), 10, 30_000, 'events before the pause');

      const paused = await patch(trigger.id, { enabled: false });
      expect(paused.status).toBe(200);
      expect(await paused.json()).toMatchObject({ id: trigger.id, enabled: false });
      // The consumer leaves its group within seconds (NOTIFY; the 2 s reconcile as a backstop)...
      await waitForCount(async () => ((await members(group)) === 0 ? 1 : 0), 1, 5_000, 'group empty');
      // ...and what is produced meanwhile stays in the topic: several reconcile periods later nothing was read.
      await produce(topic, 10, 30);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await eventsOf(trigger.id)).toBe(10);
      const view = (await (await call(item.GET, { key, params: { id: trigger.id } })).json()) as {
        enabled: boolean;
        status: { state: string }[];
      };
      expect(view.enabled).toBe(false);
      expect(view.status.map((s) => s.state)).toEqual(['stopped']);

      const resumed = await patch(trigger.id, { enabled: true });
      expect(resumed.status).toBe(200);
      await waitForCount(() => eventsOf(trigger.id), 30, 60_000, 'events after resuming');
      expect(await runsPerMatchingEvent(trigger.id)).toEqual({ events: 30, minRuns: 1, maxRuns: 1 });
      // Nothing more arrives later (the offsets committed before the pause held).
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await eventsOf(trigger.id)).toBe(30);
    } finally {
      await manager.stop();
    }
  }, 120_000);

  it('viewers cannot pause; a pause that is not a boolean is a 422 naming the field', async () => {
    const { trigger } = await kafkaTrigger();
    const viewer = await asUser('viewer');
    const refused = await viewer(item.PATCH, {
      method: 'PATCH',
      params: { id: trigger.id },
      body: { enabled: false },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/viewer .* may not do this/);

    const bad = await patch(trigger.id, { enabled: 'no' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      'body.enabled',
    ]);
    const view = (await (await call(item.GET, { key, params: { id: trigger.id } })).json()) as {
      enabled: boolean;
    };
    expect(view.enabled).toBe(true);
  });
});
