import { run, type SqlClient } from '../db/sql';
import { storableJson, storableText } from '../db/unstorable';
import { DeliveryError } from '../errors';
import { insertMessages, type MessageDraft } from '../messages/write';
import type { FetchedJob, JobQueue, NewJob } from '../queue/job-queue';
import { QUEUES } from '../queue/queues';
import type { Settlement } from './attempt';
import { recordInvalidRecipients } from './invalid-recipients';
import { deliveryJobs } from './jobs';
import { nextPollAt } from './status-poll';

/**
 * Each message's new status and its attempt row, in one statement. `m.id = ANY($3)` keeps the update's plan on
 * the primary key whatever the statistics say (joined on the recordset alone, a fresh table's plan scanned every
 * claimed row for each row settled). Attempts are numbered across re-drives (attempt_count restarts, the
 * timeline does not), without a read first.
 */
const SETTLE = {
  name: 'sb_settle',
  text: `WITH settled AS (
           UPDATE messages m
           SET status = coalesce(x.status, m.status::text)::message_status,
             attempt_count = m.attempt_count - x.uncounted,
             last_error = CASE WHEN x.status IS NULL THEN m.last_error ELSE x.error END,
             provider_message_id = coalesce(x.provider_message_id, m.provider_message_id),
             sent_at = CASE WHEN x.status = 'sent' THEN now() ELSE m.sent_at END,
             next_attempt_at = x.retry_at,
             rate_limited_since = x.rate_limited_since,
             claimed_by = NULL,
             updated_at = now()
           FROM json_to_recordset($1::json) AS x(id uuid, status text, error text, provider_message_id text,
             retry_at timestamptz, uncounted int, rate_limited_since timestamptz)
           WHERE m.id = ANY($3::uuid[]) AND m.id = x.id AND m.claimed_by = $2
             AND m.status IN ('queued', 'retrying', 'sending'))
         INSERT INTO message_attempts (message_id, attempt, outcome, response_code, error, request_summary,
           response_summary, duration_ms, provider_message_id)
         SELECT x.message_id, (SELECT count(*) + 1 FROM message_attempts a WHERE a.message_id = x.message_id),
           x.outcome, x.response_code, x.error, x.request_summary, x.response_summary, x.duration_ms,
           x.provider_message_id
         FROM json_to_recordset($4::json) AS x(message_id uuid, outcome text, response_code int, error text,
           request_summary jsonb, response_summary jsonb, duration_ms int, provider_message_id text)`,
};

/** The attempt row's outcome; a deferred message was not sent and has no row. */
const OUTCOME = {
  sent: 'success',
  retrying: 'retryable_error',
  failed: 'permanent_error',
  dead: 'permanent_error',
  rate_limited: 'rate_limited',
  deferred: null,
} as const;

/** The message's new status (null: unchanged). */
const STATUS = {
  sent: 'sent',
  retrying: 'retrying',
  failed: 'failed',
  dead: 'dead',
  rate_limited: 'retrying',
  deferred: null,
} as const;

/** Outcomes that get a delivery job for `retryAt`. */
const RETRIED = new Set<Settlement['outcome']>(['retrying', 'rate_limited', 'deferred']);

export interface SettleBatch {
  settlements: Settlement[];
  /** Messages not sent now (rate limited, channel held, or being sent elsewhere): a new job for later; not an attempt. */
  requeue: { messageIds: string[]; channelId: string | null; startAfter: Date }[];
  /** The batch's jobs that are done with (everything but the ones left to retry). */
  complete: FetchedJob[];
}

/**
 * Settles a batch in one transaction: each message's new status and its attempt row, the recipients a push
 * provider condemned (only when there are any), the jobs that follow
 * (retries, status polls, re-queued rate-limited messages, fallback messages) and the completion of the jobs
 * handled. A crash before the commit leaves the jobs to pg-boss's retry and the messages `sending` by this
 * worker, which another takes over once this worker's heartbeat stops.
 */
export async function settleBatch(
  client: SqlClient,
  queue: JobQueue,
  workerId: string,
  batch: SettleBatch,
): Promise<void> {
  const { settlements } = batch;
  if (settlements.length) {
    await run(client, SETTLE, [
      storableJson(
        settlements.map((s) => ({
          id: s.message.id,
          status: STATUS[s.outcome],
          error: s.outcome === 'sent' ? null : (s.error ?? null),
          provider_message_id: s.result?.providerMessageId ?? null,
          retry_at: s.retryAt ?? null,
          // The claim counted an attempt; a rate limit waited out and a deferral do not spend one.
          uncounted: s.outcome === 'rate_limited' || s.outcome === 'deferred' ? 1 : 0,
          rate_limited_since: s.rateLimitedSince ?? null,
        })),
      ),
      workerId,
      settlements.map((s) => s.message.id),
      storableJson(
        settlements
          .flatMap((s) => (OUTCOME[s.outcome] === null ? [] : [s]))
          .map((s) => ({
            message_id: s.message.id,
            outcome: OUTCOME[s.outcome],
            response_code: s.result?.responseCode ?? s.failure?.details.responseCode ?? null,
            error: s.error ?? null,
            request_summary: s.result?.request ?? s.failure?.details.request ?? null,
            response_summary: s.result?.response ?? s.failure?.details.response ?? null,
            duration_ms: Math.round(s.durationMs),
            provider_message_id: s.result?.providerMessageId ?? null,
          })),
      ),
    ]);
    await recordInvalidRecipients(client, settlements);
  }
  const deliveries: NewJob[] = [
    ...settlements.flatMap((s) =>
      RETRIED.has(s.outcome)
        ? deliveryJobs([{ id: s.message.id, channelId: s.message.channel_id }], s.retryAt)
        : [],
    ),
    ...batch.requeue.flatMap((r) =>
      deliveryJobs(
        r.messageIds.map((id) => ({ id, channelId: r.channelId })),
        r.startAfter,
      ),
    ),
  ];
  await queue.enqueue(client, QUEUES.deliver, deliveries);
  await queue.enqueue(
    client,
    QUEUES.statusPoll,
    settlements
      .filter((s) => s.outcome === 'sent' && s.pollStatus && s.result?.providerMessageId)
      .map((s) => ({ data: { message_id: s.message.id, attempt: 1 }, startAfter: nextPollAt(1) })),
  );
  await insertMessages(client, queue, settlements.flatMap(fallbackDraft));
  await queue.complete(client, QUEUES.deliver, batch.complete);
}

/**
 * The batch without anything a provider said (answers, request summaries, provider ids, condemned recipients),
 * for when the database refused to store the batch's settlement for its data rather than for an outage: the
 * sends happened, and settling them once with less detail beats the job's retry sending them all again.
 */
export function withoutProviderAnswers(batch: SettleBatch, refusal: Error): SettleBatch {
  const note = `the provider's answer could not be stored (${storableText(refusal.message)})`;
  return {
    ...batch,
    settlements: batch.settlements.map((s) => ({
      ...s,
      result: s.result ? { responseCode: s.result.responseCode } : undefined,
      failure: s.failure
        ? new DeliveryError(note, s.failure.kind, { responseCode: s.failure.details.responseCode })
        : undefined,
      error: s.error === undefined ? undefined : note,
      invalidRecipient: undefined,
    })),
  };
}

/** A message that failed for good goes out once more through its fallback channel. */
function fallbackDraft(s: Settlement): MessageDraft[] {
  if ((s.outcome !== 'failed' && s.outcome !== 'dead') || !s.fallbackChannelId) return [];
  const m = s.message;
  return [
    {
      id: crypto.randomUUID(),
      runId: m.run_id,
      workflowId: m.workflow_id,
      channelId: s.fallbackChannelId,
      stepIndex: m.step_index,
      fallbackChannelId: null,
      fallbackOfId: m.id,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body ?? '',
      html: m.html,
      content: m.content,
      status: 'queued',
      lastError: null,
      idempotencyKey: `${m.idempotency_key}:fallback`,
    },
  ];
}
