import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { type MessageStatus, messageStatusSchema } from '../messages/schemas';
import { BUCKET_ORIGIN, type StatsWindow } from './window';

/**
 * The aggregate queries behind GET /api/v1/stats. Each answers with aggregates only (counts, rates, percentiles,
 * dense series): no message row reaches JavaScript. Every query filters messages on `created_at` in [from, to), so
 * a short range is read through messages_created_at_idx; plans are in docs/operations.md.
 */

const STATUSES = messageStatusSchema.options;
const SUCCEEDED: MessageStatus[] = ['sent', 'delivered'];
const FAILED: MessageStatus[] = ['failed', 'dead', 'bounced'];
const IN_FLIGHT: MessageStatus[] = ['queued', 'sending', 'retrying'];

// The status the API shows (lib/messages/status.ts): a claimed queued or retrying message is `sending`.
const EFFECTIVE_STATUS = sql.raw(
  `CASE WHEN m.claimed_by IS NOT NULL AND m.status IN ('queued', 'retrying') THEN 'sending' ELSE m.status::text END`,
);
// The statuses are the enum's constants, never input, so they are written into the statement text.
const list = (statuses: readonly MessageStatus[]) => statuses.map((s) => `'${s}'`).join(', ');
const sum = (statuses: readonly MessageStatus[]) => statuses.map((s) => `"${s}"`).join(' + ');
const statusCounts = (column: string) =>
  sql.raw(STATUSES.map((s) => `count(*) FILTER (WHERE ${column} = '${s}')::int AS "${s}"`).join(', '));
const coalescedCounts = (table: string) =>
  sql.raw(STATUSES.map((s) => `coalesce(${table}."${s}", 0) AS "${s}"`).join(', '));

const inWindow = (w: StatsWindow): SQL =>
  sql`m.created_at >= ${w.from.toISOString()}::timestamptz AND m.created_at < ${w.to.toISOString()}::timestamptz`;
const width = (w: StatsWindow): SQL => sql`make_interval(secs => ${w.bucketSeconds})`;
const binned = (w: StatsWindow, column: SQL): SQL =>
  sql`date_bin(${width(w)}, ${column}, ${BUCKET_ORIGIN}::timestamptz)`;
/** Every bucket start of the window, the first at or before `from`, the last before `to`. */
const bucketStarts = (w: StatsWindow): SQL =>
  sql`generate_series(${binned(w, sql`${w.from.toISOString()}::timestamptz`)},
                      ${w.to.toISOString()}::timestamptz - interval '1 microsecond', ${width(w)})`;

type Reader = Pick<Tx, 'execute'>;
type Counts = Record<MessageStatus, number>;

export async function totals(db: Reader, w: StatsWindow) {
  const { rows } = await db.execute<
    Counts & {
      messages: number;
      succeeded: number;
      failed_total: number;
      in_flight: number;
      success_rate: number | null;
    }
  >(sql`
    WITH counts AS (
      SELECT count(*)::int AS messages, ${statusCounts('w.status')}
      FROM (SELECT ${EFFECTIVE_STATUS} AS status FROM messages m WHERE ${inWindow(w)}) w
    )
    SELECT *,
           ${sql.raw(sum(SUCCEEDED))} AS succeeded,
           ${sql.raw(sum(FAILED))} AS failed_total,
           ${sql.raw(sum(IN_FLIGHT))} AS in_flight,
           (${sql.raw(sum(SUCCEEDED))})::float8 / nullif(${sql.raw(`${sum(SUCCEEDED)} + ${sum(FAILED)}`)}, 0) AS success_rate
    FROM counts`);
  return rows[0]!;
}

/** Failed delivery attempts (retryable or permanent) over all attempts, for the window's messages. */
export async function errorRate(db: Reader, w: StatsWindow): Promise<number | null> {
  const { rows } = await db.execute<{ error_rate: number | null }>(sql`
    SELECT count(*) FILTER (WHERE a.outcome <> 'success')::float8 / nullif(count(*), 0) AS error_rate
    FROM messages m JOIN message_attempts a ON a.message_id = m.id
    WHERE a.kind = 'attempt' AND ${inWindow(w)}`);
  return rows[0]?.error_rate ?? null;
}

/** From the event's arrival (events.created_at, `receivedAt` in the schema) to the hand-off to the provider (messages.sent_at). */
export async function latency(db: Reader, w: StatsWindow) {
  const { rows } = await db.execute<{ p50: number | null; p95: number | null; samples: number }>(sql`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ms) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY x.ms) AS p95,
           count(*)::int AS samples
    FROM (
      SELECT (extract(epoch FROM m.sent_at - e.created_at) * 1000)::float8 AS ms
      FROM messages m
      JOIN workflow_runs r ON r.id = m.run_id
      JOIN events e ON e.id = r.event_id
      WHERE m.sent_at IS NOT NULL AND ${inWindow(w)}
    ) x`);
  return rows[0]!;
}

export async function deadLettersWaiting(db: Reader): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM messages WHERE status = 'dead'`,
  );
  return rows[0]?.n ?? 0;
}

/** Channels with the most failed, dead or bounced messages in the window (ties: higher rate, then name). */
export async function topFailingChannels(db: Reader, w: StatsWindow, limit: number) {
  const { rows } = await db.execute<{
    channel_id: string;
    name: string;
    failures: number;
    finished: number;
    failure_rate: number;
  }>(sql`
    SELECT c.id AS channel_id, c.name, x.failures, x.finished, x.failures::float8 / x.finished AS failure_rate
    FROM (
      SELECT m.channel_id,
             count(*) FILTER (WHERE m.status IN (${sql.raw(list(FAILED))}))::int AS failures,
             count(*) FILTER (WHERE m.status IN (${sql.raw(list([...SUCCEEDED, ...FAILED]))}))::int AS finished
      FROM messages m
      WHERE m.channel_id IS NOT NULL AND ${inWindow(w)}
      GROUP BY m.channel_id
    ) x
    JOIN channels c ON c.id = x.channel_id
    WHERE x.failures > 0
    ORDER BY x.failures DESC, failure_rate DESC, c.name
    LIMIT ${limit}`);
  return rows;
}

/** Messages by status in every bucket of the window, empty buckets included as zeros. */
export async function volumeByStatus(db: Reader, w: StatsWindow) {
  const { rows } = await db.execute<Counts & { start_ms: number }>(sql`
    WITH agg AS (
      SELECT w.start, ${statusCounts('w.status')}
      FROM (SELECT ${binned(w, sql`m.created_at`)} AS start, ${EFFECTIVE_STATUS} AS status
            FROM messages m WHERE ${inWindow(w)}) w
      GROUP BY w.start
    )
    SELECT (extract(epoch FROM b.start) * 1000)::float8 AS start_ms, ${coalescedCounts('agg')}
    FROM ${bucketStarts(w)} AS b(start)
    LEFT JOIN agg ON agg.start = b.start
    ORDER BY b.start`);
  return rows;
}

// Messages of a deleted channel have no channel_id; a stand-in id keeps the series join a plain equality.
const NO_CHANNEL = '00000000-0000-0000-0000-000000000000';

/**
 * One dense series (a count per bucket) for each channel and status that had messages in the window. The counts
 * are gathered per series first and only then spread over the buckets, so the work is series × buckets (a join of
 * every series with every bucket against the counts would compare each series' counts with each of its buckets).
 */
export async function volumeByChannel(db: Reader, w: StatsWindow) {
  const { rows } = await db.execute<{
    channel_id: string | null;
    channel_name: string | null;
    status: MessageStatus;
    counts: number[];
  }>(sql`
    WITH buckets AS MATERIALIZED (SELECT b.start, b.i FROM ${bucketStarts(w)} WITH ORDINALITY AS b(start, i)),
    counts AS (
      SELECT ${binned(w, sql`m.created_at`)} AS start, coalesce(m.channel_id, ${NO_CHANNEL}::uuid) AS channel_id,
             ${EFFECTIVE_STATUS} AS status, count(*)::int AS n
      FROM messages m WHERE ${inWindow(w)}
      GROUP BY 1, 2, 3
    ),
    series AS (
      SELECT c.channel_id, c.status, array_agg(b.i) AS i, array_agg(c.n) AS n
      FROM counts c JOIN buckets b ON b.start = c.start
      GROUP BY c.channel_id, c.status
    )
    SELECT nullif(s.channel_id, ${NO_CHANNEL}::uuid) AS channel_id, ch.name AS channel_name, s.status,
           ARRAY(SELECT coalesce(x.n, 0) FROM buckets b LEFT JOIN unnest(s.i, s.n) AS x(i, n) ON x.i = b.i
                 ORDER BY b.i) AS counts
    FROM series s
    LEFT JOIN channels ch ON ch.id = s.channel_id
    ORDER BY ch.name NULLS LAST, s.channel_id, s.status`);
  return rows;
}
