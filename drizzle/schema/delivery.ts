import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { channels } from './channels';

/**
 * A channel whose provider asked to wait (429 with Retry-After): no worker sends through it before `until`.
 * One row per channel, shared by every worker; a row in the past holds nothing.
 */
export const channelHolds = pgTable('channel_holds', {
  channelId: uuid('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  until: timestamp('until', { withTimezone: true, precision: 3 }).notNull(),
});
