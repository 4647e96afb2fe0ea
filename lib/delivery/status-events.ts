import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ProviderStatusEvent } from '../channels/types';
import { type Db, schema } from '../db';
import { storableText } from '../db/unstorable';
import { logger } from '../logger';
import type { MessageStatus } from '../messages/schemas';
import { recordProviderReports } from '../metrics/pipeline';

const m = schema.messages;

/** Which statuses an event may move a message from; a final answer is never overwritten by a weaker one. */
const TRANSITIONS: Partial<
  Record<ProviderStatusEvent['effect'], { to: MessageStatus; from: MessageStatus[] }>
> = {
  delivered: { to: 'delivered', from: ['queued', 'sending', 'sent', 'retrying'] },
  bounced: { to: 'bounced', from: ['queued', 'sending', 'sent', 'retrying', 'delivered'] },
  failed: { to: 'failed', from: ['queued', 'sending', 'sent', 'retrying'] },
};

/**
 * Applies what a provider reported (callback or poll) to the channel's messages: each event joins the message's
 * timeline; delivered / bounced / failed move its status. Events for unknown message ids are counted, not
 * stored (a provider may report messages sent before Switchboard, or by another system on the same account).
 */
export async function applyStatusEvents(
  channelId: string,
  events: ProviderStatusEvent[],
  database: Db,
): Promise<{ applied: number; unknown: number }> {
  if (events.length === 0) return { applied: 0, unknown: 0 };
  const moved: {
    message: { id: string; runId: string | null; eventId: string | null; requestId: string | null };
    event: ProviderStatusEvent;
    to: MessageStatus;
  }[] = [];
  const result = await database.transaction(async (tx) => {
    const ids = [...new Set(events.map((e) => e.provider_message_id))];
    const runs = schema.workflowRuns;
    const rows = await tx
      .select({
        id: m.id,
        status: m.status,
        providerMessageId: m.providerMessageId,
        attemptCount: m.attemptCount,
        runId: m.runId,
        eventId: runs.eventId,
        requestId: sql<string | null>`${runs.context} ->> 'request_id'`,
      })
      .from(m)
      .leftJoin(runs, eq(runs.id, m.runId))
      .where(and(eq(m.channelId, channelId), inArray(m.providerMessageId, ids)))
      .for('update', { of: m });
    const byProviderId = new Map(rows.map((r) => [r.providerMessageId!, r]));
    let applied = 0;
    for (const event of events) {
      const message = byProviderId.get(event.provider_message_id);
      if (!message) continue;
      applied++;
      await tx.insert(schema.messageAttempts).values({
        messageId: message.id,
        attempt: message.attemptCount,
        kind: 'event',
        outcome: event.effect,
        error: event.detail ? storableText(event.detail) : null,
        providerMessageId: event.provider_message_id,
        responseSummary: {
          event: storableText(event.event),
          ...(event.occurred_at ? { occurred_at: event.occurred_at } : {}),
        },
        startedAt: event.occurred_at ? new Date(event.occurred_at) : new Date(),
      });
      const transition = TRANSITIONS[event.effect];
      if (transition?.from.includes(message.status)) {
        await tx
          .update(m)
          .set({
            status: transition.to,
            ...(event.effect !== 'delivered' && event.detail
              ? { lastError: storableText(event.detail) }
              : {}),
          })
          .where(eq(m.id, message.id));
        message.status = transition.to;
        moved.push({ message, event, to: transition.to });
      }
    }
    return { applied, unknown: events.length - applied };
  });
  // After the commit, like the delivery outcomes: what the provider reported later is counted and, when the
  // message did not arrive after all, logged as a warning with the ids of its path.
  recordProviderReports(moved.map(({ to }) => ({ channelId, status: to })));
  for (const { message, event, to } of moved) {
    if (to === 'delivered') continue;
    logger.warn(
      {
        requestId: message.requestId,
        eventId: message.eventId,
        runId: message.runId,
        messageId: message.id,
        channelId,
        outcome: to,
        reason: event.detail ?? event.event,
        providerStatus: event.event,
      },
      `delivery ${to}`,
    );
  }
  return result;
}
