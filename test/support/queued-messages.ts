import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db, schema } from '../../lib/db';
import { transaction } from '../../lib/db/sql';
import { insertMessages } from '../../lib/messages/write';
import type { JobQueue } from '../../lib/queue/job-queue';
import { waitFor } from './pipeline';

export type MessageRow = typeof schema.messages.$inferSelect;

/** The message once it is sent, failed or dead. */
export function finalMessage(id: string, timeoutMs = 30_000): Promise<MessageRow> {
  return waitFor(
    async () => {
      const [row] = await db().select().from(schema.messages).where(eq(schema.messages.id, id));
      return row && ['sent', 'failed', 'dead'].includes(row.status) ? row : undefined;
    },
    timeoutMs,
    `message ${id} final`,
  );
}

/**
 * Messages to these recipients through the channel, written with their delivery job the way the engine writes
 * them (one job for all, so one worker batch claims and sends them together), without a workflow; returns them
 * once final. `queue` is the test worker's (`worker.deps.queue`).
 */
export async function deliverQueued(
  queue: JobQueue,
  channelId: string,
  recipients: string[],
  content: { subject?: string; body?: string } = {},
): Promise<MessageRow[]> {
  const ids = recipients.map(() => randomUUID());
  await transaction(db().$client, (client) =>
    insertMessages(
      client,
      queue,
      recipients.map((recipient, i) => ({
        id: ids[i]!,
        runId: null,
        workflowId: null,
        channelId,
        stepIndex: null,
        fallbackChannelId: null,
        recipient,
        subject: content.subject ?? 'Order shipped',
        body: content.body ?? 'Your order #1042 is on its way.',
        html: null,
        status: 'queued',
        lastError: null,
        idempotencyKey: `test:${ids[i]}`,
      })),
    ),
  );
  return Promise.all(ids.map((id) => finalMessage(id)));
}
