import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { deliver } from '../channels/deliver';
import { DeliveryError, type SendResult } from '../channels/types';
import { schema, type Tx } from '../db';
import { env } from '../env';
import { logger } from '../logger';
import { QUEUES } from '../queue/queues';
import { retryDelayMs } from './backoff';
import { channelForDelivery } from './channel-cache';
import type { EngineDeps, JobQueue } from './ports';
import { acquireSendSlot } from './rate-limit';
import { nextPollAt } from './status-poll';

type MessageRow = typeof schema.messages.$inferSelect;

/** Upper bound for one provider call, whatever the provider's own timeout says. */
const ATTEMPT_TIMEOUT_MS = 35_000;
const SENDABLE = ['queued', 'retrying', 'sending'] as const;

/**
 * One delivery attempt for a message. The message row is the source of truth: a message that is already
 * sent (or otherwise final) is never sent again, whatever job asks. `sending` is sendable only because a
 * worker may have died mid-attempt; providers get the message's idempotency key so such a resend is
 * recognisable (webhook-id, Message-ID).
 */
export async function deliverMessage(messageId: string, deps: EngineDeps): Promise<void> {
  const [peek] = await deps.db.select().from(schema.messages).where(eq(schema.messages.id, messageId));
  if (!peek || !SENDABLE.includes(peek.status as (typeof SENDABLE)[number]) || !peek.channelId) return;

  const loaded = await channelForDelivery(peek.channelId, deps.db).catch((error: Error) => error);
  if (loaded instanceof Error) {
    await settle(deps, peek, {
      outcome: 'failed',
      error: `channel unavailable: ${loaded.message}`,
      durationMs: 0,
    });
    return;
  }
  if (!loaded.channel.enabled) {
    await settle(deps, peek, {
      outcome: 'failed',
      error: `channel "${loaded.channel.name}" is disabled`,
      durationMs: 0,
    });
    return;
  }

  const waitMs = await acquireSendSlot(deps.db, loaded.channel.id, loaded.rateLimit);
  if (waitMs > 0) {
    // Rate limited: try again when the window frees up. Not an attempt, never a failure.
    await deps.db.transaction((tx) =>
      deps.queue.enqueue(tx, QUEUES.deliver, [
        { data: { message_id: messageId }, startAfter: new Date(Date.now() + waitMs + Math.random() * 100) },
      ]),
    );
    return;
  }

  const message = await claim(deps, messageId);
  if (!message) return;

  const started = performance.now();
  try {
    const result = await deliver(
      loaded,
      {
        id: message.id,
        idempotencyKey: message.idempotencyKey,
        to: message.recipient,
        subject: message.subject,
        body: message.body ?? '',
        html: message.html,
        content: message.content,
      },
      { signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), timeoutMs: ATTEMPT_TIMEOUT_MS },
    );
    await settle(deps, message, {
      outcome: 'sent',
      result,
      durationMs: performance.now() - started,
      pollStatus: Boolean(loaded.provider.statusPoller && env().STATUS_POLL_MAX_ATTEMPTS > 0),
    });
  } catch (error) {
    const durationMs = performance.now() - started;
    const failure =
      error instanceof DeliveryError
        ? error
        : new DeliveryError(`unexpected error: ${(error as Error).message}`, 'retryable');
    if (!(error instanceof DeliveryError))
      logger.warn({ err: error, messageId }, 'provider threw an unclassified error');
    const exhausted = message.attemptCount >= loaded.retryPolicy.max_attempts;
    if (failure.kind === 'permanent' || exhausted) {
      await settle(deps, message, {
        outcome: failure.kind === 'permanent' ? 'failed' : 'dead',
        error: failure.message,
        failure,
        durationMs,
      });
    } else {
      const delay = retryDelayMs(loaded.retryPolicy, message.attemptCount, failure.details.retryAfterMs ?? 0);
      await settle(deps, message, {
        outcome: 'retrying',
        error: failure.message,
        failure,
        durationMs,
        retryAt: new Date(Date.now() + delay),
      });
    }
  }
}

/**
 * Marks the message `sending` and counts the attempt. A message already `sending` is taken over only once
 * that attempt must have ended (a worker died mid-send); until then this throws, so the queue retries the job
 * later instead of sending twice at the same time.
 */
async function claim(deps: EngineDeps, messageId: string): Promise<MessageRow | undefined> {
  const staleBefore = new Date(Date.now() - ATTEMPT_TIMEOUT_MS - 5_000);
  const [message] = await deps.db
    .update(schema.messages)
    .set({ status: 'sending', attemptCount: sql`${schema.messages.attemptCount} + 1` })
    .where(
      and(
        eq(schema.messages.id, messageId),
        or(
          inArray(schema.messages.status, ['queued', 'retrying']),
          and(eq(schema.messages.status, 'sending'), lt(schema.messages.updatedAt, staleBefore)),
        ),
      ),
    )
    .returning();
  if (message) return message;
  const [current] = await deps.db
    .select({ status: schema.messages.status })
    .from(schema.messages)
    .where(eq(schema.messages.id, messageId));
  if (current?.status === 'sending')
    throw new Error(`message ${messageId} has an attempt in flight; checking again later`);
  return undefined;
}

interface Settlement {
  outcome: 'sent' | 'retrying' | 'failed' | 'dead';
  durationMs: number;
  result?: SendResult;
  error?: string;
  failure?: DeliveryError;
  retryAt?: Date;
  /** Schedule a status lookup in case the provider's callback never comes. */
  pollStatus?: boolean;
}

/** Records the attempt and the new status together; schedules the retry or the fallback in the same commit. */
async function settle(deps: EngineDeps, message: MessageRow, s: Settlement): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.insert(schema.messageAttempts).values({
      messageId: message.id,
      // Numbered across re-drives (attempt_count restarts, the timeline does not), without a read first.
      attempt: sql`(SELECT count(*) + 1 FROM ${schema.messageAttempts} WHERE ${schema.messageAttempts.messageId} = ${message.id})`,
      outcome:
        s.outcome === 'sent' ? 'success' : s.outcome === 'retrying' ? 'retryable_error' : 'permanent_error',
      responseCode: s.result?.responseCode ?? s.failure?.details.responseCode ?? null,
      error: s.error ?? null,
      requestSummary: s.result?.request ?? s.failure?.details.request ?? null,
      responseSummary: s.result?.response ?? s.failure?.details.response ?? null,
      durationMs: Math.round(s.durationMs),
    });
    await tx
      .update(schema.messages)
      .set({
        status: s.outcome,
        lastError: s.outcome === 'sent' ? null : (s.error ?? null),
        providerMessageId: s.result?.providerMessageId ?? message.providerMessageId,
        sentAt: s.outcome === 'sent' ? new Date() : message.sentAt,
        nextAttemptAt: s.retryAt ?? null,
      })
      .where(eq(schema.messages.id, message.id));
    if (s.outcome === 'sent' && s.pollStatus && s.result?.providerMessageId) {
      await deps.queue.enqueue(tx, QUEUES.statusPoll, [
        { data: { message_id: message.id, attempt: 1 }, startAfter: nextPollAt(1) },
      ]);
    }
    if (s.outcome === 'retrying') {
      await deps.queue.enqueue(tx, QUEUES.deliver, [
        { data: { message_id: message.id }, startAfter: s.retryAt },
      ]);
    }
    if (s.outcome === 'failed' || s.outcome === 'dead') await createFallback(tx, deps.queue, message);
  });
}

/**
 * A message that failed for good goes out once more through the send step's fallback channel, or else the
 * channel's own fallback. Fallback messages do not fall back again, so a loop of fallbacks cannot form.
 */
async function createFallback(tx: Tx, queue: JobQueue, message: MessageRow): Promise<void> {
  if (message.fallbackOfId || !message.channelId) return;
  let fallbackChannelId = message.fallbackChannelId;
  if (!fallbackChannelId) {
    const [channel] = await tx
      .select({ fallback: schema.channels.fallbackChannelId })
      .from(schema.channels)
      .where(eq(schema.channels.id, message.channelId));
    fallbackChannelId = channel?.fallback ?? null;
  }
  if (!fallbackChannelId || fallbackChannelId === message.channelId) return;
  const [created] = await tx
    .insert(schema.messages)
    .values({
      runId: message.runId,
      workflowId: message.workflowId,
      channelId: fallbackChannelId,
      stepIndex: message.stepIndex,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      html: message.html,
      content: message.content,
      fallbackOfId: message.id,
      idempotencyKey: `${message.idempotencyKey}:fallback`,
    })
    .onConflictDoNothing({ target: schema.messages.idempotencyKey })
    .returning({ id: schema.messages.id });
  if (created) await queue.enqueue(tx, QUEUES.deliver, [{ data: { message_id: created.id } }]);
}
