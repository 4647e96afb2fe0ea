import { db, schema } from '../../lib/db';
import type { MessageStatus } from '../../lib/messages/schemas';
import { uniq } from './factories';

/** An accepted api event received at `receivedAt`, and a run of `workflowId` started by it. */
export async function makeEventRun(workflowId: string, receivedAt: Date) {
  const [event] = await db()
    .insert(schema.events)
    .values({ source: 'api', sourceId: `evt-${uniq()}`, eventType: 'test.seeded', payload: {}, receivedAt })
    .returning();
  const [run] = await db()
    .insert(schema.workflowRuns)
    .values({
      workflowId,
      workflowVersion: 1,
      eventId: event!.id,
      status: 'completed',
      startedAt: receivedAt,
    })
    .returning();
  return { event: event!, run: run! };
}

export interface MessageSeed {
  channelId: string | null;
  status: MessageStatus;
  createdAt: Date;
  sentAt?: Date;
  runId?: string;
  /** A worker holding it: a queued or retrying message then reads as `sending`. */
  claimedBy?: string;
  /** Delivery attempts by outcome (`success`, `retryable_error`, `permanent_error`), oldest first. */
  attempts?: string[];
}

/** A message row as the pipeline leaves it (no provider call), with its attempt rows. */
export async function makeMessage(seed: MessageSeed) {
  const [row] = await db()
    .insert(schema.messages)
    .values({
      channelId: seed.channelId,
      runId: seed.runId ?? null,
      recipient: `to-${uniq()}@example.test`,
      // `sending` is never stored by the pipeline: it is a claimed queued message.
      status: seed.status === 'sending' ? 'queued' : seed.status,
      claimedBy:
        seed.status === 'sending' ? (seed.claimedBy ?? `worker-${uniq()}`) : (seed.claimedBy ?? null),
      idempotencyKey: `seed-${uniq()}-${uniq()}`,
      attemptCount: seed.attempts?.length ?? 0,
      sentAt: seed.sentAt ?? null,
      createdAt: seed.createdAt,
      updatedAt: seed.createdAt,
    })
    .returning();
  const attempts = seed.attempts ?? [];
  if (attempts.length) {
    await db()
      .insert(schema.messageAttempts)
      .values(
        attempts.map((outcome, i) => ({
          messageId: row!.id,
          attempt: i + 1,
          outcome,
          startedAt: new Date(seed.createdAt.getTime() + i * 1000),
        })),
      );
  }
  return row!;
}
