import { eq } from 'drizzle-orm';
import { configCache } from '../cache/config-cache';
import { db, schema } from '../db';
import type { StepChannel } from '../workflows/steps/types';
import { webhookDefaultBody } from './providers/webhook/payload';
import { findProvider } from './registry';
import { type ChannelForSend, prepareForSend } from './service';
import type { DeliveryError } from './types';
import type { ChannelRow } from './view';

export interface CachedChannel {
  row: ChannelRow;
  /** Ready to send through, or why it cannot be (provider not installed, secrets not decryptable). */
  forSend: ChannelForSend | DeliveryError;
}

/**
 * Channels as the engine reads them: through the configuration cache, so a busy channel is loaded a few times a
 * second per process instead of once per message, and an edit or a disable reaches every process as it commits.
 */
const channels = configCache(async (id: string): Promise<CachedChannel | null> => {
  const [row] = await db().select().from(schema.channels).where(eq(schema.channels.id, id));
  if (!row) return null;
  let forSend: ChannelForSend | DeliveryError;
  try {
    forSend = prepareForSend(row);
  } catch (error) {
    forSend = error as DeliveryError;
  }
  return { row, forSend };
});

export function cachedChannel(id: string): Promise<CachedChannel | null> {
  return channels.get(id);
}

/**
 * Whether each channel exists, needs a recipient and has a default body (a webhook channel's payload template),
 * for planning send steps without a query per message.
 */
export async function channelLookup(
  ids: Iterable<string>,
): Promise<(id: string) => (StepChannel & { type: string }) | undefined> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => channels.get(id)));
  const byId = new Map(
    unique.flatMap((id, index) => {
      const channel = found[index];
      if (!channel) return [];
      const requiresRecipient = findProvider(channel.row.provider)?.requiresRecipient ?? false;
      const defaultBody = webhookDefaultBody(channel.row);
      return [[id, { requiresRecipient, type: channel.row.type, ...(defaultBody ? { defaultBody } : {}) }]];
    }),
  );
  return (id) => byId.get(id);
}
