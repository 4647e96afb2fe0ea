import { sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { env } from '../env';
import type { LiveFigures } from './schemas';

type Reader = Pick<Tx, 'execute'>;

/** At most this many triggers and alert rules are listed by name; the totals count them all. */
const LISTED = 10;

/**
 * The dashboard's "now" figures, whatever the range: the job queues' backlog, the trigger consumers' lag and the
 * alert rules firing. Each is read from a small table (pg-boss jobs waiting, consumer_status, alert_rules), never
 * from messages. A database whose job queue is not installed yet (no worker ever started) has no queue depth.
 */
export async function liveFigures(db: Reader): Promise<LiveFigures> {
  const { rows: installed } = await db.execute<{ ok: boolean }>(
    sql`SELECT to_regclass(${`${env().PGBOSS_SCHEMA}.job`}) IS NOT NULL AS ok`,
  );
  const queues = installed[0]?.ok ? await queueDepth(db) : null;
  const { rows } = await db.execute<{
    consumers: LiveFigures['consumer_lag']['triggers'];
    consumer_total: number | null;
    consumer_count: number;
    alerts: LiveFigures['open_alerts']['rules'];
    alert_count: number;
  }>(sql`
    WITH lag AS (
      SELECT t.id AS trigger_id, t.name, sum(cs.lag)::float8 AS lag,
             count(*) FILTER (WHERE cs.state = 'error')::int AS errors
      FROM consumer_status cs JOIN triggers t ON t.id = cs.trigger_id
      WHERE t.enabled AND cs.updated_at > now() - interval '2 minutes'
      GROUP BY t.id, t.name
    ),
    firing AS (
      SELECT id, name, kind, firing_since FROM alert_rules WHERE enabled AND state = 'firing'
    )
    SELECT
      (SELECT coalesce(json_agg(l ORDER BY l.lag DESC NULLS LAST, l.name), '[]')
         FROM (SELECT * FROM lag ORDER BY lag DESC NULLS LAST, name LIMIT ${LISTED}) l) AS consumers,
      (SELECT sum(lag)::float8 FROM lag) AS consumer_total,
      (SELECT count(*)::int FROM lag) AS consumer_count,
      (SELECT coalesce(json_agg(f ORDER BY f.firing_since), '[]')
         FROM (SELECT * FROM firing ORDER BY firing_since LIMIT ${LISTED}) f) AS alerts,
      (SELECT count(*)::int FROM firing) AS alert_count`);
  const row = rows[0]!;
  return {
    queue_depth: queues,
    consumer_lag: {
      total: row.consumer_total,
      triggers_reporting: row.consumer_count,
      triggers: row.consumers,
    },
    open_alerts: {
      count: row.alert_count,
      rules: row.alerts.map((rule) => ({
        ...rule,
        firing_since: rule.firing_since ? new Date(rule.firing_since).toISOString() : null,
      })),
    },
  };
}

/** Jobs due now and not yet picked up (`ready`), due later (`scheduled`: backoffs, delays) and running, per queue. */
async function queueDepth(db: Reader): Promise<LiveFigures['queue_depth']> {
  const { rows } = await db.execute<{ queue: string; ready: number; scheduled: number; active: number }>(sql`
    SELECT name AS queue,
           count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())::int AS ready,
           count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now())::int AS scheduled,
           count(*) FILTER (WHERE state = 'active')::int AS active
    FROM ${sql.identifier(env().PGBOSS_SCHEMA)}.job
    WHERE state IN ('created', 'retry', 'active')
    GROUP BY name
    ORDER BY name`);
  return {
    ready: rows.reduce((n, r) => n + r.ready, 0),
    scheduled: rows.reduce((n, r) => n + r.scheduled, 0),
    active: rows.reduce((n, r) => n + r.active, 0),
    queues: rows,
  };
}
