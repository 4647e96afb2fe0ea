import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import type { CountRow } from './figures';
import { SAMPLE_SIZE } from './sample';
import { BUCKET_ORIGIN, type StatsWindow } from './window';

/**
 * The queries behind GET /api/v1/stats. Each answers with aggregates only: no message row reaches JavaScript.
 * Messages are counted by `created_at` in [from, to). Their cost at a million messages and the indexes they read
 * are in docs/architecture.md ("Messages list and stats at scale") and docs/benchmarks.md.
 */

type Reader = Pick<Tx, 'execute'>;

const inWindow = (w: StatsWindow): SQL =>
  sql`m.created_at >= ${w.from.toISOString()}::timestamptz AND m.created_at < ${w.to.toISOString()}::timestamptz`;
const binned = (w: StatsWindow): SQL =>
  sql`date_bin(make_interval(secs => ${w.bucketSeconds}), m.created_at, ${BUCKET_ORIGIN}::timestamptz)`;

/**
 * The window's messages by bucket, channel and the status the API shows, in one pass: `created_at`, `channel_id`
 * and `status` are all in messages_created_at_idx, so the pass is an index-only scan (no message row is read).
 * The API shows a claimed queued or retrying message as `sending` (lib/messages/status.ts), and `claimed_by` is in
 * no index (a claim must stay a heap-only update), so those few in-flight messages are counted again apart, from
 * messages_status_created_idx, and moved from their stored status to `sending`.
 */
export async function windowCounts(db: Reader, w: StatsWindow): Promise<CountRow[]> {
  const { rows } = await db.execute<CountRow>(sql`
    WITH counted AS (
      SELECT ${binned(w)} AS start, m.channel_id, m.status, count(*)::int AS n
      FROM messages m WHERE ${inWindow(w)}
      GROUP BY 1, 2, 3
    ),
    claimed AS (
      SELECT ${binned(w)} AS start, m.channel_id, m.status, count(*)::int AS n
      FROM messages m
      WHERE ${inWindow(w)} AND m.status IN ('queued', 'retrying') AND m.claimed_by IS NOT NULL
      GROUP BY 1, 2, 3
    )
    SELECT (extract(epoch FROM x.start) * 1000)::float8 AS start_ms, x.channel_id, c.name AS channel_name,
           x.status, sum(x.n)::int AS n
    FROM (SELECT start, channel_id, status::text, n FROM counted
          UNION ALL SELECT start, channel_id, status::text, -n FROM claimed
          UNION ALL SELECT start, channel_id, 'sending', n FROM claimed) x
    LEFT JOIN channels c ON c.id = x.channel_id
    GROUP BY x.start, x.channel_id, c.name, x.status
    HAVING sum(x.n) <> 0`);
  return rows;
}

/**
 * These queries cost over PostgreSQL's jit_above_cost at a million messages, and compiling them (40–50 ms)
 * took longer than it saved: JIT is off for the stats' transaction.
 */
export async function withoutJit(db: Reader): Promise<void> {
  await db.execute(sql`SET LOCAL jit = off`);
}

export async function deadLettersWaiting(db: Reader): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM messages WHERE status = 'dead'`,
  );
  return rows[0]?.n ?? 0;
}

export type DeliveryQuality = {
  /** Messages the figures are over: all of the window's, or the sample's. */
  messages: number;
  error_rate: number | null;
  p50: number | null;
  p95: number | null;
  samples: number;
};

/**
 * Failed delivery attempts over all attempts, and p50/p95 from the event's arrival (events.created_at) to the
 * hand-off to the provider (messages.sent_at), over `points` (lib/stats/sample.ts): every message of the window
 * when there are none, else runs of consecutive messages starting at each point, SAMPLE_SIZE in all, read through
 * messages_created_at_idx.
 */
export async function deliveryQuality(db: Reader, w: StatsWindow, points: Date[]): Promise<DeliveryQuality> {
  const perPoint = points.length ? Math.ceil(SAMPLE_SIZE / points.length) : 0;
  // Backwards over messages_created_at_idx (created_at DESC NULLS LAST): ascending with NULLS FIRST.
  const picked = points.length
    ? sql`SELECT s.* FROM unnest(${`{${points.map((p) => p.toISOString()).join(',')}}`}::timestamptz[]) AS p(at)
          CROSS JOIN LATERAL (
            SELECT m.id, m.run_id, m.sent_at FROM messages m
            WHERE m.created_at >= p.at AND m.created_at < ${w.to.toISOString()}::timestamptz
            ORDER BY m.created_at ASC NULLS FIRST LIMIT ${perPoint}
          ) s`
    : sql`SELECT m.id, m.run_id, m.sent_at FROM messages m WHERE ${inWindow(w)}`;
  // Each sampled message looks up its own attempts, run and event through their indexes (LATERAL): a join the
  // planner may turn into a scan of all runs or attempts once the sample is a few thousand rows.
  const { rows } = await db.execute<DeliveryQuality>(sql`
    WITH sample AS MATERIALIZED (${picked}),
    per_message AS (
      SELECT a.failed, a.total,
             (extract(epoch FROM s.sent_at - ev.created_at) * 1000)::float8 AS ms
      FROM sample s
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE x.outcome <> 'success')::int AS failed, count(*)::int AS total
        FROM message_attempts x WHERE x.message_id = s.id AND x.kind = 'attempt'
      ) a
      LEFT JOIN LATERAL (
        SELECT e.created_at FROM workflow_runs r JOIN events e ON e.id = r.event_id
        WHERE r.id = s.run_id AND s.sent_at IS NOT NULL
        LIMIT 1 -- (one event per run) keeps the subquery a lookup per message: it is not merged into a join
      ) ev ON true
    )
    SELECT count(*)::int AS messages,
           sum(failed)::float8 / nullif(sum(total), 0) AS error_rate,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
           count(ms)::int AS samples
    FROM per_message`);
  return rows[0]!;
}
