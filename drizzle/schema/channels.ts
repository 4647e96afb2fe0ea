import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

export const channelType = pgEnum('channel_type', ['email', 'sms', 'push', 'chat', 'webhook']);

export interface RateLimitConfig {
  per_second?: number;
  per_minute?: number;
  per_hour?: number;
}

export interface RetryPolicy {
  max_attempts: number;
  base_delay_seconds: number;
  max_delay_seconds: number;
}

export const channels = pgTable(
  'channels',
  {
    id: id(),
    name: text('name').notNull(),
    type: channelType('type').notNull(),
    provider: text('provider').notNull(),
    /** Provider settings; fields the provider marks secret hold `sb1:` ciphertext, never clear text. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    rateLimit: jsonb('rate_limit').$type<RateLimitConfig>(),
    retryPolicy: jsonb('retry_policy').$type<RetryPolicy>(),
    fallbackChannelId: uuid('fallback_channel_id').references((): AnyPgColumn => channels.id, {
      onDelete: 'set null',
    }),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('channels_type_idx').on(t.type),
    // In the list's keyset order (`newestFirst`: DESC NULLS LAST, id the tie-break), so a page is an index scan.
    index('channels_created_at_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
