import { eq } from 'drizzle-orm';
import { loadChannelForSend } from '../channels/service';
import { schema } from '../db';
import type { EngineDeps } from '../deps';
import { env } from '../env';
import { QUEUES } from '../queue/queues';
import { applyStatusEvents } from './status-events';

const POLL_TIMEOUT_MS = 15_000;

/** When to ask again: STATUS_POLL_AFTER_SECONDS after the send, then doubling. */
export function nextPollAt(attempt: number, from = Date.now()): Date {
  return new Date(from + env().STATUS_POLL_AFTER_SECONDS * 1000 * 2 ** (attempt - 1));
}

/**
 * Asks the provider for the final status of a message that is still only `sent` (no callback came). Stops when
 * the provider reports a final status, when a callback got there first, or after STATUS_POLL_MAX_ATTEMPTS.
 */
export async function pollMessageStatus(messageId: string, attempt: number, deps: EngineDeps): Promise<void> {
  const [message] = await deps.db.select().from(schema.messages).where(eq(schema.messages.id, messageId));
  if (!message || message.status !== 'sent' || !message.providerMessageId || !message.channelId) return;
  const loaded = await loadChannelForSend(message.channelId, deps.db);
  const poller = loaded.provider.statusPoller;
  if (!poller) return;
  const event = await poller
    .poll(message.providerMessageId, loaded.config, {
      signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
      timeoutMs: POLL_TIMEOUT_MS,
    })
    .catch(() => undefined); // a failed lookup is just "no answer yet"
  if (event) await applyStatusEvents(loaded.channel.id, [event], deps.db);
  const [after] = await deps.db
    .select({ status: schema.messages.status })
    .from(schema.messages)
    .where(eq(schema.messages.id, messageId));
  if (after?.status !== 'sent' || attempt >= env().STATUS_POLL_MAX_ATTEMPTS) return;
  await deps.db.transaction((tx) =>
    deps.queue.enqueue(tx, QUEUES.statusPoll, [
      { data: { message_id: messageId, attempt: attempt + 1 }, startAfter: nextPollAt(attempt + 1) },
    ]),
  );
}
