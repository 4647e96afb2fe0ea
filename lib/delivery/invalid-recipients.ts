import type { CachedChannel } from '../channels/cache';
import type { RecipientValidity } from '../channels/types';
import { run, type SqlClient } from '../db/sql';
import { storableJson } from '../db/unstorable';
import type { Settlement } from './attempt';
import type { ClaimedMessage } from './claim';

/**
 * Recipients a push provider condemned (a device token reported unregistered, an expired Web Push
 * subscription), per channel, in `invalid_recipients`. A batch looks its push messages up in one statement
 * before sending; a known one fails at once, without a request. Settling records new ones in the settle's
 * transaction. Channels whose provider condemns nothing (e-mail, SMS, chat, webhooks) cost nothing here.
 */

/** A recipient the provider condemned, as a send learns it (Settlement.invalidRecipient). */
export interface InvalidRecipientReport {
  channelId: string;
  provider: string;
  recipient: string;
  reason: string;
  since?: Date;
}

/** A recorded one, as the batch check finds it. */
export interface KnownInvalidRecipient {
  reason: string;
  provider: string;
  reported_at: Date;
}

const KNOWN = {
  name: 'sb_invalid_recipients_known',
  text: `SELECT x.message_id, i.reason, i.provider, i.created_at AS reported_at
         FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS x(message_id, recipient, channel_id)
         JOIN invalid_recipients i ON i.recipient = x.recipient AND i.channel_id = x.channel_id`,
};

/**
 * Inserts what a settle learnt; a recipient already recorded (a send that was in flight when the first report
 * came) keeps its first report and notes the latest. A channel deleted meanwhile has nothing to record.
 */
const RECORD = {
  name: 'sb_invalid_recipients_record',
  text: `INSERT INTO invalid_recipients (channel_id, provider, recipient, reason, detail, invalid_since, message_id)
         SELECT x.channel_id, x.provider, x.recipient, x.reason, x.detail, x.invalid_since, x.message_id
         FROM json_to_recordset($1::json) AS x(channel_id uuid, provider text, recipient text, reason text,
           detail text, invalid_since timestamptz, message_id uuid)
         WHERE EXISTS (SELECT 1 FROM channels c WHERE c.id = x.channel_id)
         ON CONFLICT (recipient, channel_id) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,
           invalid_since = excluded.invalid_since, message_id = excluded.message_id, last_seen_at = now()`,
};

function validityOf(channel: CachedChannel | null | undefined): RecipientValidity | undefined {
  const loaded = channel?.forSend;
  return loaded && !(loaded instanceof Error) ? loaded.provider.recipientValidity : undefined;
}

/**
 * The claimed messages whose recipient is recorded as invalid on their channel, by message id: one statement
 * for the batch, none when no message goes through a push channel.
 */
export async function knownInvalidRecipients(
  client: SqlClient,
  claimed: ClaimedMessage[],
  channels: Map<string, CachedChannel | null>,
): Promise<Map<string, KnownInvalidRecipient>> {
  const ids: string[] = [];
  const recipients: string[] = [];
  const channelIds: string[] = [];
  for (const message of claimed) {
    if (!message.channel_id) continue;
    const key = validityOf(channels.get(message.channel_id))?.key(message.recipient);
    if (key === undefined) continue;
    ids.push(message.id);
    recipients.push(key);
    channelIds.push(message.channel_id);
  }
  const known = new Map<string, KnownInvalidRecipient>();
  if (ids.length === 0) return known;
  const { rows } = await run<KnownInvalidRecipient & { message_id: string }>(client, KNOWN, [
    ids,
    recipients,
    channelIds,
  ]);
  for (const { message_id, ...row } of rows) known.set(message_id, row);
  return known;
}

/** Why a send to a recorded recipient was not made (the attempt's error, the message's last error). */
export function knownInvalidError(
  validity: RecipientValidity | undefined,
  known: KnownInvalidRecipient,
): string {
  const noun = validity?.noun ?? 'recipient';
  const reporter = validity?.reporter ?? known.provider;
  return (
    `${noun} was reported ${known.reason} by ${reporter} at ${known.reported_at.toISOString()}; not sent ` +
    '(listed under invalid recipients: delete the entry once the recipient is valid again)'
  );
}

/** What the provider condemned in this failed send, if anything (read from the classified error). */
export function condemnedRecipient(
  validity: RecipientValidity | undefined,
  failure: Settlement['failure'],
  message: ClaimedMessage,
  provider: string,
): InvalidRecipientReport | undefined {
  if (!validity || !failure || failure.kind !== 'permanent' || !message.channel_id) return undefined;
  const verdict = validity.condemned(failure);
  const recipient = verdict ? validity.key(message.recipient) : undefined;
  if (!verdict || recipient === undefined) return undefined;
  return { channelId: message.channel_id, provider, recipient, ...verdict };
}

/** Records the recipients the batch's sends condemned, in the settle's transaction. */
export async function recordInvalidRecipients(client: SqlClient, settlements: Settlement[]): Promise<void> {
  // Once per recipient: an upsert may not touch the same row twice in one statement.
  const reports = new Map<string, Record<string, unknown>>();
  for (const s of settlements) {
    const report = s.invalidRecipient;
    if (!report) continue;
    reports.set(JSON.stringify([report.recipient, report.channelId]), {
      channel_id: report.channelId,
      provider: report.provider,
      recipient: report.recipient,
      reason: report.reason,
      detail: s.error ?? null,
      invalid_since: report.since?.toISOString() ?? null,
      message_id: s.message.id,
    });
  }
  if (reports.size) await run(client, RECORD, [storableJson([...reports.values()])]);
}
