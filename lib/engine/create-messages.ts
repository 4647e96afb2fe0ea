import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getProvider } from '../channels/registry';
import { schema, type Tx } from '../db';
import { QUEUES } from '../queue/queues';
import type { SendStep } from '../workflows/schemas';
import type { JobQueue } from './ports';
import { renderSendStep } from './render-send';
import type { RunScope } from './scope';

type NewMessage = typeof schema.messages.$inferInsert;

/** Stable per run, step and recipient: the unique key that makes a re-run of a step create nothing new. */
export function messageIdempotencyKey(runId: string, stepIndex: number, recipient: string): string {
  return createHash('sha256').update(`${runId}\u0000${stepIndex}\u0000${recipient}`).digest('hex');
}

/**
 * A send step: one message per recipient, rendered now and stored with its delivery job in the caller's
 * transaction. A template that cannot render becomes a `failed` message naming the problem (visible in the
 * console), never a silent drop. Returns how many messages were created.
 */
export async function createSendMessages(
  tx: Tx,
  queue: JobQueue,
  run: { id: string; workflowId: string },
  step: SendStep,
  stepIndex: number,
  scope: RunScope,
): Promise<number> {
  const [channel] = await tx.select().from(schema.channels).where(eq(schema.channels.id, step.channel_id));
  const rendered = channel
    ? await renderSendStep(step, scope, getProvider(channel.provider).requiresRecipient)
    : [{ recipient: '', error: `channel ${step.channel_id} no longer exists` }];

  const rows: NewMessage[] = rendered.map((r) => ({
    runId: run.id,
    workflowId: run.workflowId,
    channelId: step.channel_id,
    stepIndex,
    fallbackChannelId: step.fallback_channel_id ?? null,
    recipient: r.recipient,
    idempotencyKey: messageIdempotencyKey(run.id, stepIndex, r.recipient),
    ...(r.error !== undefined
      ? { body: '', status: 'failed' as const, lastError: r.error }
      : { subject: r.subject, body: r.body, html: r.html }),
  }));

  const inserted = await tx
    .insert(schema.messages)
    .values(rows)
    .onConflictDoNothing({ target: schema.messages.idempotencyKey })
    .returning({ id: schema.messages.id, status: schema.messages.status });
  await queue.enqueue(
    tx,
    QUEUES.deliver,
    inserted.filter((m) => m.status === 'queued').map((m) => ({ data: { message_id: m.id } })),
  );
  return inserted.length;
}
