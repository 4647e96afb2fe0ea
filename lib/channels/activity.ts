import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { withRead } from '../db/replicas';
import { type ChannelActivity, type ChannelHealth, RECENT_MESSAGES } from './activity-schemas';

const FINISHED = `'sent', 'delivered', 'failed', 'dead', 'bounced'`;
const FAILED = `'failed', 'dead', 'bounced'`;
/** Above this share of failures among the recent finished messages a channel is `degraded`. */
const DEGRADED_FAILURE_SHARE = 0.1;

type Row = {
  channel_id: string;
  enabled: boolean;
  held_until: Date | null;
  messages: number;
  succeeded: number;
  failed: number;
  recent_finished: number;
  recent_failed: number;
  recent_retrying: number;
  last_status: string | null;
  last_error: string | null;
  last_error_at: Date | null;
};

/**
 * How the given channels delivered lately, in ONE statement for the whole list: the last 24 hours' counts (read
 * through messages_channel_created_idx) and, per channel, its newest RECENT_MESSAGES messages (an index scan with a
 * LIMIT, whatever the channel's volume), which give the health dot and the last error. Unknown ids are left out.
 * `DESC NULLS LAST` is the index's own order: a bare `DESC` (nulls first) would not use it and sort the channel's
 * every message instead (28 ms against 46 s at a million messages).
 */
export async function channelActivity(ids: string[], database?: Db): Promise<ChannelActivity[]> {
  // One array parameter (drizzle would spread a JS array into a list of parameters).
  const idArray = `{${ids.join(',')}}`;
  const read = async (db: Db) => {
    const { rows } = await db.execute<Row>(sql`
      WITH day AS (
        SELECT m.channel_id, count(*)::int AS messages,
               count(*) FILTER (WHERE m.status IN ('sent', 'delivered'))::int AS succeeded,
               count(*) FILTER (WHERE m.status IN (${sql.raw(FAILED)}))::int AS failed
        FROM messages m
        WHERE m.channel_id = ANY(${idArray}::uuid[]) AND m.created_at >= now() - interval '24 hours'
        GROUP BY m.channel_id
      )
      SELECT c.id AS channel_id, c.enabled,
             CASE WHEN h.until > now() THEN h.until END AS held_until,
             coalesce(day.messages, 0) AS messages, coalesce(day.succeeded, 0) AS succeeded,
             coalesce(day.failed, 0) AS failed,
             r.finished AS recent_finished, r.failed AS recent_failed, r.retrying AS recent_retrying,
             r.last_status, r.last_error, r.last_error_at
      FROM channels c
      LEFT JOIN channel_holds h ON h.channel_id = c.id
      LEFT JOIN day ON day.channel_id = c.id
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE x.status IN (${sql.raw(FINISHED)}))::int AS finished,
               count(*) FILTER (WHERE x.status IN (${sql.raw(FAILED)}))::int AS failed,
               count(*) FILTER (WHERE x.status = 'retrying')::int AS retrying,
               (array_agg(x.status::text ORDER BY x.created_at DESC)
                  FILTER (WHERE x.status IN (${sql.raw(FINISHED)})))[1] AS last_status,
               (array_agg(x.last_error ORDER BY x.updated_at DESC) FILTER (WHERE x.last_error IS NOT NULL))[1]
                 AS last_error,
               max(x.updated_at) FILTER (WHERE x.last_error IS NOT NULL) AS last_error_at
        FROM (SELECT m.status, m.last_error, m.created_at, m.updated_at FROM messages m
              WHERE m.channel_id = c.id ORDER BY m.created_at DESC NULLS LAST LIMIT ${RECENT_MESSAGES}) x
      ) r
      WHERE c.id = ANY(${idArray}::uuid[])`);
    return rows.map(toActivity);
  };
  return database ? read(database) : withRead(read);
}

function toActivity(row: Row): ChannelActivity {
  const finished = row.succeeded + row.failed;
  return {
    channel_id: row.channel_id,
    health: healthOf(row),
    held_until: iso(row.held_until),
    last_24h: {
      messages: row.messages,
      succeeded: row.succeeded,
      failed: row.failed,
      success_rate: finished ? row.succeeded / finished : null,
    },
    recent: {
      finished: row.recent_finished,
      failed: row.recent_failed,
      retrying: row.recent_retrying,
      last_status: row.last_status,
    },
    last_error: row.last_error,
    last_error_at: iso(row.last_error_at),
  };
}

/** The dot's colour, from the switch, a provider's hold and the recent messages (see channelHealthSchema). */
export function healthOf(
  row: Pick<
    Row,
    'enabled' | 'held_until' | 'recent_finished' | 'recent_failed' | 'recent_retrying' | 'last_status'
  >,
): ChannelHealth {
  if (!row.enabled) return 'disabled';
  if (row.held_until) return 'held';
  if (row.recent_finished === 0) return row.recent_retrying > 0 ? 'degraded' : 'idle';
  if (row.last_status && FAILED.includes(`'${row.last_status}'`)) return 'failing';
  if (row.recent_retrying > 0 || row.recent_failed / row.recent_finished > DEGRADED_FAILURE_SHARE)
    return 'degraded';
  return 'healthy';
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
