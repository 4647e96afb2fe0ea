import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { channels } from './channels';
import { createdAt, id } from './columns';

/**
 * Recipients a push provider condemned for good on a channel: a device token APNs or FCM reported unregistered
 * (or bad), a Web Push subscription the push service reported expired (404/410). Written in the settle of the
 * attempt that learnt it; later sends to the recipient through the channel fail at once without a request
 * (lib/delivery/invalid-recipients.ts). Listed by the API and the console so the sending system can drop the
 * token; deleting a row (a token registered again) lets sends through again.
 */
export const invalidRecipients = pgTable(
  'invalid_recipients',
  {
    id: id(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    /** The device or registration token, or the subscription's endpoint: what the sending system keys it by. */
    recipient: text('recipient').notNull(),
    /** The provider's own word for it: Unregistered, BadDeviceToken, UNREGISTERED, expired (HTTP 410)… */
    reason: text('reason').notNull(),
    /** The failed attempt's error text. */
    detail: text('detail'),
    /** Since when the provider says the token is invalid (APNs's timestamp for Unregistered), if it says. */
    invalidSince: timestamp('invalid_since', { withTimezone: true, precision: 3 }),
    /** The message whose attempt reported it last. No foreign key: retention may remove the message first. */
    messageId: uuid('message_id'),
    /** First reported. */
    createdAt: createdAt(),
    /** Reported again (a send that was already in flight when the first report came). */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // The recipient first: the batch check looks up (recipient, channel) pairs, and the API filters by recipient.
    uniqueIndex('invalid_recipients_recipient_channel_key').on(t.recipient, t.channelId),
    // The list's keyset order, alone and per channel (also what the channel delete's cascade reads).
    index('invalid_recipients_created_at_idx').on(t.createdAt.desc(), t.id.desc()),
    index('invalid_recipients_channel_created_idx').on(t.channelId, t.createdAt.desc(), t.id.desc()),
  ],
);
