import type pg from 'pg';

export interface EventRow {
  id: string;
  source: string;
  source_id: string | null;
  status: string;
  uid: string;
  recipients: string[] | null;
  runs: number;
}

export interface MessageRow {
  id: string;
  event_id: string;
  uid: string;
  recipient: string;
  status: string;
  claimed_by: string | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  attempt_count: number;
}

/** The scenario's events (payload uid `<prefix>-n`) with how many runs each started. */
export async function eventsOf(pool: pg.Pool, prefix: string): Promise<EventRow[]> {
  const { rows } = await pool.query<EventRow>(
    `SELECT e.id, e.source::text AS source, e.source_id, e.status::text AS status,
            e.payload -> 'data' ->> 'uid' AS uid,
            ARRAY(SELECT jsonb_array_elements_text(e.payload -> 'data' -> 'recipients')) AS recipients,
            (SELECT count(*)::int FROM workflow_runs r WHERE r.event_id = e.id) AS runs
     FROM events e WHERE e.payload -> 'data' ->> 'uid' LIKE $1`,
    [`${prefix}-%`],
  );
  return rows;
}

/** The messages of the scenario's events (through their runs). */
export async function messagesOf(pool: pg.Pool, prefix: string): Promise<MessageRow[]> {
  const { rows } = await pool.query<MessageRow>(
    `SELECT m.id, e.id AS event_id, e.payload -> 'data' ->> 'uid' AS uid, m.recipient, m.status::text AS status,
            m.claimed_by, m.last_error, m.next_attempt_at, m.attempt_count
     FROM events e JOIN workflow_runs r ON r.event_id = e.id JOIN messages m ON m.run_id = r.id
     WHERE e.payload -> 'data' ->> 'uid' LIKE $1`,
    [`${prefix}-%`],
  );
  return rows;
}

/** Delivered; dead or failed with a reason; or scheduled (waiting for a retry at a known time, unclaimed). */
export function settled(m: MessageRow): boolean {
  if (m.claimed_by) return false;
  if (m.status === 'sent' || m.status === 'delivered') return true;
  if (m.status === 'dead' || m.status === 'failed' || m.status === 'bounced') return !!m.last_error;
  return false;
}

export function scheduled(m: MessageRow): boolean {
  return !m.claimed_by && m.status === 'retrying' && m.next_attempt_at !== null;
}

/** How the scenario's accepted events and their messages stand: for waiting on the drain and for recovery. */
export async function backlog(
  pool: pg.Pool,
  prefix: string,
  uids: Set<string>,
  expectedMessages: number,
): Promise<{ missingEvents: number; unsettled: number }> {
  const events = (await eventsOf(pool, prefix)).filter((e) => uids.has(e.uid));
  const present = new Set(events.map((e) => e.uid));
  const messages = (await messagesOf(pool, prefix)).filter((m) => uids.has(m.uid));
  const done = messages.filter(settled).length;
  return {
    missingEvents: uids.size - present.size,
    unsettled: Math.max(0, expectedMessages - done),
  };
}
