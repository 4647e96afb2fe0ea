import { run, type SqlClient } from '../db/sql';

export interface ClaimedMessage {
  id: string;
  run_id: string | null;
  workflow_id: string | null;
  channel_id: string | null;
  step_index: number | null;
  fallback_channel_id: string | null;
  fallback_of_id: string | null;
  recipient: string;
  subject: string | null;
  body: string | null;
  html: string | null;
  content: Record<string, unknown> | null;
  idempotency_key: string;
  provider_message_id: string | null;
  attempt_count: number;
  /** Since when the provider has been rate limiting this message (see provider-rate-limit.ts). */
  rate_limited_since: Date | null;
  /** Where the message came from, for logs and the event→sent latency: the run's event and API request. */
  event_id: string | null;
  event_received_at: Date | null;
  request_id: string | null;
}

/** Upper bound for one provider call, whatever the provider's own timeout says. */
export const ATTEMPT_TIMEOUT_MS = 35_000;

/**
 * Claims a batch of messages for this worker (`claimed_by`: they are `sending` now) and counts the attempt,
 * returning what is needed to send them, in one statement. The claim leaves `status` alone, so it changes no
 * indexed column: a heap-only update. A claimed message is taken over only when nobody can still be sending
 * it: it was claimed by this worker (which is not sending it now, see the caller), by a worker whose heartbeat
 * stopped, or so long ago that its attempt must have ended. (`sending` in the status column: rows claimed
 * before claims stopped changing it.)
 */
const CLAIM = {
  name: 'sb_claim_messages',
  text: `WITH claimed AS (
         UPDATE messages m
         SET attempt_count = m.attempt_count + 1, claimed_by = $2, updated_at = now()
         WHERE m.id = ANY($1::uuid[])
           AND m.status IN ('queued', 'retrying', 'sending')
           AND (m.claimed_by IS NULL OR m.claimed_by = $2
             OR m.updated_at < now() - make_interval(secs => $4)
             OR NOT EXISTS (SELECT 1 FROM worker_heartbeats h
                            WHERE h.worker_id = m.claimed_by AND h.state <> 'stopped'
                              AND h.last_seen_at > now() - make_interval(secs => $3)))
         RETURNING m.id, m.run_id, m.workflow_id, m.channel_id, m.step_index, m.fallback_channel_id,
           m.fallback_of_id, m.recipient, m.subject, m.body, m.html, m.content, m.idempotency_key,
           m.provider_message_id, m.attempt_count, m.rate_limited_since)
         SELECT c.*, r.event_id, e.created_at AS event_received_at, r.context ->> 'request_id' AS request_id
         FROM claimed c
         LEFT JOIN workflow_runs r ON r.id = c.run_id
         LEFT JOIN events e ON e.id = r.event_id`,
};

const CLAIMED_ELSEWHERE = {
  name: 'sb_messages_claimed',
  text: `SELECT id FROM messages WHERE id = ANY($1::uuid[])
           AND status IN ('queued', 'retrying', 'sending') AND claimed_by IS NOT NULL`,
};

export async function claimMessages(
  client: SqlClient,
  ids: string[],
  workerId: string,
  heartbeatStaleSeconds: number,
): Promise<ClaimedMessage[]> {
  if (ids.length === 0) return [];
  const { rows } = await run<ClaimedMessage>(client, CLAIM, [
    ids,
    workerId,
    heartbeatStaleSeconds,
    ATTEMPT_TIMEOUT_MS / 1000 + 5,
  ]);
  return rows;
}

/** Among messages this worker could not claim, the ones being sent by another live worker right now. */
export async function sendingElsewhere(client: SqlClient, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await run<{ id: string }>(client, CLAIMED_ELSEWHERE, [ids]);
  return new Set(rows.map((r) => r.id));
}
