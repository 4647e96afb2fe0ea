import type { SqlClient } from '../db/sql';
import { run } from '../db/sql';
import { deliveryJobs } from '../delivery/jobs';
import type { JobQueue } from '../queue/job-queue';
import { QUEUES } from '../queue/queues';

/** A message about to be written: rendered content, or a `failed` status naming why it cannot be sent. */
export interface MessageDraft {
  id: string;
  runId: string | null;
  workflowId: string | null;
  channelId: string;
  stepIndex: number | null;
  fallbackChannelId: string | null;
  fallbackOfId?: string | null;
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  content?: Record<string, unknown> | null;
  status: 'queued' | 'failed';
  lastError: string | null;
  idempotencyKey: string;
}

/**
 * The message insert as a fragment, from a JSON recordset in `source` (a parameter), keeping the rows `where`
 * allows: one statement text for messages alone and for the ingestion statement that writes them with their
 * events and runs. A message whose idempotency key exists already (a step run again) is skipped.
 */
export function messagesInsertSql(source: string, where = 'true'): string {
  return `INSERT INTO messages (id, run_id, workflow_id, channel_id, step_index, fallback_channel_id, fallback_of_id,
           recipient, subject, body, html, content, status, last_error, idempotency_key)
         SELECT id, "runId", "workflowId", "channelId", "stepIndex", "fallbackChannelId", "fallbackOfId",
           recipient, subject, body, html, content, status::message_status, "lastError", "idempotencyKey"
         FROM json_to_recordset(${source}::json) AS x(id uuid, "runId" uuid, "workflowId" uuid, "channelId" uuid,
           "stepIndex" int, "fallbackChannelId" uuid, "fallbackOfId" uuid, recipient text, subject text, body text,
           html text, content jsonb, status text, "lastError" text, "idempotencyKey" text)
         WHERE ${where}
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id, channel_id, status`;
}

const INSERT_MESSAGES = { name: 'sb_insert_messages', text: messagesInsertSql('$1') };

export interface InsertedMessage {
  id: string;
  channel_id: string;
  status: string;
}

/** Delivery jobs (a chunk per channel) for the inserted messages that are `queued`. */
export function enqueueDeliveries(
  client: SqlClient,
  queue: JobQueue,
  rows: InsertedMessage[],
): Promise<void> {
  return queue.enqueue(
    client,
    QUEUES.deliver,
    deliveryJobs(
      rows.filter((row) => row.status === 'queued').map((row) => ({ id: row.id, channelId: row.channel_id })),
    ),
  );
}

/**
 * Writes messages, and delivery jobs (a chunk per channel) for the ones that are `queued`, in the caller's transaction. A message whose
 * idempotency key exists already (a step run again) is skipped, and left out of the jobs. Returns the ids written.
 */
export async function insertMessages(
  client: SqlClient,
  queue: JobQueue,
  drafts: MessageDraft[],
): Promise<string[]> {
  if (drafts.length === 0) return [];
  const { rows } = await run<{ id: string; channel_id: string; status: string }>(client, INSERT_MESSAGES, [
    JSON.stringify(drafts),
  ]);
  await queue.enqueue(
    client,
    QUEUES.deliver,
    deliveryJobs(
      rows.filter((row) => row.status === 'queued').map((row) => ({ id: row.id, channelId: row.channel_id })),
    ),
  );
  return rows.map((row) => row.id);
}
