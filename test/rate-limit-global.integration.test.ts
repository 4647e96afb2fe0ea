import { describe, expect, it, vi } from 'vitest';
import { env } from '../lib/env';
import { uniq } from './support/factories';
import {
  apiWorkflow,
  attemptsOf,
  messagesOfWorkflow,
  postEvent,
  sinkAndWorkerForFile,
  waitFor,
  webhookChannel,
} from './support/pipeline';

// Read once per process: set before anything in this file parses the environment.
vi.hoisted(() => {
  process.env.GLOBAL_RATE_LIMIT_PER_SECOND = '4';
});

const running = sinkAndWorkerForFile();

describe('GLOBAL_RATE_LIMIT_PER_SECOND', () => {
  it('holds the rate across channels: 16 messages through two unlimited channels at 4/s take several windows; none fails', async () => {
    expect(env().GLOBAL_RATE_LIMIT_PER_SECOND).toBe(4);
    const eventType = `evt.${uniq()}`;
    const [a, b] = await Promise.all([
      webhookChannel(`${running.sink.url}/a`),
      webhookChannel(`${running.sink.url}/b`),
    ]);
    const workflow = await apiWorkflow(eventType, [
      { type: 'send', channel_id: a.id, template: { body: '{"n": {{ data.n }}}' } },
      { type: 'send', channel_id: b.id, template: { body: '{"n": {{ data.n }}}' } },
    ]);
    await Promise.all(Array.from({ length: 8 }, (_, n) => postEvent({ event_type: eventType, data: { n } })));

    const rows = await waitFor(
      async () => {
        const all = await messagesOfWorkflow(workflow.id);
        return all.length === 16 && all.every((m) => m.status === 'sent') ? all : undefined;
      },
      30_000,
      '16 messages sent',
    );
    // Deferred by the limit, never failed: one attempt each, and each request reached the sink once.
    expect(rows.map((m) => m.attemptCount)).toEqual(Array(16).fill(1));
    for (const m of rows.slice(0, 3))
      expect((await attemptsOf(m.id)).map((x) => x.outcome)).toEqual(['success']);
    const times = running.sink.requests.map((r) => r.receivedAt).sort((x, y) => x - y);
    expect(times).toHaveLength(16);
    // 16 sends at 4 per window need at least 4 windows: the last starts 3 s or more after the first (loosely,
    // 2.5 s). Unlimited, the 16 go out within a few hundred milliseconds.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2_500);
    // Windows are fixed, so a burst may straddle two: no wall-clock second sees more than twice the limit.
    for (const start of times) {
      expect(times.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(8);
    }
  }, 45_000);
});
