import type { schema } from '../db';
import { findProvider } from './registry';
import { type ChannelView, DEFAULT_RETRY_POLICY } from './schemas';
import { maskConfig } from './secrets';

export type ChannelRow = typeof schema.channels.$inferSelect;

/** A row as the API shows it: snake_case, secrets masked, retry policy with defaults filled in. */
export function toChannelView(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    provider: row.provider,
    config: maskConfig(findProvider(row.provider), row.config),
    rate_limit: row.rateLimit ?? null,
    retry_policy: { ...DEFAULT_RETRY_POLICY, ...row.retryPolicy },
    fallback_channel_id: row.fallbackChannelId,
    enabled: row.enabled,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
