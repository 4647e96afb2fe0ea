import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../app/api/v1/stats/route';
import { db } from '../lib/db';
import { SAMPLE_SIZE } from '../lib/stats/sample';
import type { Stats } from '../lib/stats/schemas';
import { call, makeApiKey, makeChannel, makeWorkflow } from './support/factories';

// More messages than SAMPLE_SIZE, so error rate and latency come from a sample: 4,000 in the first hour, each
// sent 100 ms after its event, then 2,000 in the second, sent after 300 ms. Every message has two attempts, a
// retryable error and a success, so any sample of them has an error rate of exactly ½.
const FROM = '2026-02-01T00:00:00.000Z';
// The first 2,000 messages (one every 900 ms): no more than the sample.
const FIRST_HALF_HOUR = '2026-02-01T00:30:00.000Z';
const TO = '2026-02-01T02:00:00.000Z';

let key: string;

beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  const channel = await makeChannel();
  const workflow = await makeWorkflow();
  // One transaction: the temporary table lives on its connection.
  await db().transaction(async (tx) => {
    await tx.execute(sql`
      CREATE TEMP TABLE seeded ON COMMIT DROP AS
      SELECT i, md5('e' || i)::uuid AS event_id, md5('r' || i)::uuid AS run_id,
             ${sql.raw(`'${FROM}'`)}::timestamptz + CASE WHEN i <= 4000 THEN (i - 1) * interval '900 ms'
                                         ELSE interval '1 hour' + (i - 4001) * interval '1800 ms' END AS at,
             CASE WHEN i <= 4000 THEN interval '100 ms' ELSE interval '300 ms' END AS latency
      FROM generate_series(1, 6000) i`);
    await tx.execute(sql`
      INSERT INTO events (id, source, source_id, event_type, payload, status, created_at)
      SELECT event_id, 'api', 'sampled-' || i, 'test.sampled', '{}', 'accepted', at FROM seeded`);
    await tx.execute(sql`
      INSERT INTO workflow_runs (id, workflow_id, workflow_version, event_id, status, created_at)
      SELECT run_id, ${workflow.id}, 1, event_id, 'completed', at FROM seeded`);
    await tx.execute(sql`
      INSERT INTO messages (run_id, workflow_id, channel_id, recipient, status, idempotency_key, attempt_count,
                            sent_at, created_at, updated_at)
      SELECT run_id, ${workflow.id}, ${channel.id}, 'to-' || i || '@example.test', 'sent', 'sampled-' || i, 2,
             at + latency, at, at
      FROM seeded`);
    await tx.execute(sql`
      INSERT INTO message_attempts (message_id, attempt, outcome, started_at)
      SELECT m.id, a.n, CASE a.n WHEN 1 THEN 'retryable_error' ELSE 'success' END, m.created_at
      FROM messages m CROSS JOIN (VALUES (1), (2)) AS a(n) WHERE m.idempotency_key LIKE 'sampled-%'`);
  });
  await db().execute(sql`ANALYZE messages, message_attempts, workflow_runs, events`);
});

async function stats(query: string): Promise<Stats> {
  const res = await call(GET, { key, path: `/api/v1/stats?${query}` });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Stats;
}

describe('GET /api/v1/stats over more messages than the sample', () => {
  it('counts every message exactly and says which figures come from a sample', async () => {
    const s = await stats(`from=${FROM}&to=${TO}&bucket=hour`);
    expect(s.totals.messages).toBe(6000);
    expect(s.totals.by_status.sent).toBe(6000);
    expect(s.volume.map((b) => b.counts.sent)).toEqual([4000, 2000]);
    expect(s.sample).toEqual({ messages: SAMPLE_SIZE, of: 6000 });
  });

  it('samples in proportion to the volume: two thirds of the sample from the busier hour', async () => {
    const s = await stats(`from=${FROM}&to=${TO}&bucket=hour`);
    expect(s.error_rate).toBe(0.5);
    expect(s.latency_ms.samples).toBe(SAMPLE_SIZE);
    // Half of the sample from each hour would put the median between 100 and 300 (200).
    expect(s.latency_ms.p50).toBe(100);
    expect(s.latency_ms.p95).toBe(300);
  });

  it('uses every message when the range holds no more than the sample', async () => {
    const s = await stats(`from=${FROM}&to=${FIRST_HALF_HOUR}`);
    expect(s.totals.messages).toBe(SAMPLE_SIZE);
    expect(s.sample).toBeNull();
    expect(s.latency_ms).toEqual({ p50: 100, p95: 100, samples: SAMPLE_SIZE });
    expect(s.error_rate).toBe(0.5);
  });

  it('gives the same answer twice (the sample is not random)', async () => {
    const query = `from=${FROM}&to=${TO}&bucket=5m`;
    expect(await stats(query)).toEqual(await stats(query));
  });
});
