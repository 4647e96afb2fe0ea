import { z } from 'zod';
import type { NewJob } from '../queue/job-queue';

/**
 * A delivery job carries up to DELIVERY_CHUNK messages of one channel: the queue's fetch and completion are
 * paid once per chunk, not once per message, and a worker claims, sends and settles the chunk together.
 */
export const DELIVERY_CHUNK = 100;

export interface DeliveryJobData {
  channel_id: string | null;
  message_ids: string[];
}

export const deliveryJobSchema = z.union([
  z.object({ channel_id: z.uuid().nullable(), message_ids: z.array(z.uuid()).min(1).max(DELIVERY_CHUNK) }),
  // Jobs written before chunking: one message each.
  z
    .object({ message_id: z.uuid(), channel_id: z.uuid().optional() })
    .transform(
      (old): DeliveryJobData => ({ channel_id: old.channel_id ?? null, message_ids: [old.message_id] }),
    ),
]);

/** Delivery jobs for messages: grouped by channel, in chunks of DELIVERY_CHUNK. */
export function deliveryJobs(
  messages: { id: string; channelId: string | null }[],
  startAfter?: Date,
): NewJob[] {
  const byChannel = new Map<string | null, string[]>();
  for (const { id, channelId } of messages) {
    const ids = byChannel.get(channelId);
    if (ids) ids.push(id);
    else byChannel.set(channelId, [id]);
  }
  const jobs: NewJob[] = [];
  for (const [channelId, ids] of byChannel) {
    for (let i = 0; i < ids.length; i += DELIVERY_CHUNK) {
      const data: DeliveryJobData = { channel_id: channelId, message_ids: ids.slice(i, i + DELIVERY_CHUNK) };
      jobs.push(startAfter ? { data, startAfter } : { data });
    }
  }
  return jobs;
}
