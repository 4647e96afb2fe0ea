import { type ChannelForSend, loadChannelForSend } from '../channels/service';
import type { Db } from '../db';

/**
 * Deliveries read their channel (row + decrypted config) from a short-lived per-process cache: a busy channel is
 * loaded a few times a second instead of once per message. An edit (or disabling) reaches the workers within
 * TTL_MS. Failures are not cached.
 */
const TTL_MS = 2_000;
const cache = new Map<string, { at: number; value: Promise<ChannelForSend> }>();

export function channelForDelivery(channelId: string, database: Db): Promise<ChannelForSend> {
  const hit = cache.get(channelId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = loadChannelForSend(channelId, database);
  cache.set(channelId, { at: Date.now(), value });
  value.catch(() => cache.delete(channelId));
  if (cache.size > 1000) {
    for (const [id, entry] of cache) if (Date.now() - entry.at >= TTL_MS) cache.delete(id);
  }
  return value;
}
