import { z } from 'zod';
import { paginationQuery } from '../api/pagination';

/** The providers whose answers condemn a recipient (their `recipientValidity`, lib/channels/providers). */
export const invalidRecipientProviderSchema = z.enum(['apns', 'fcm', 'webpush']);

export const listInvalidRecipientsQuery = z.object({
  ...paginationQuery.shape,
  channel_id: z.uuid().optional(),
  provider: invalidRecipientProviderSchema.optional(),
  recipient: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .describe(
      'exactly as listed: a device or registration token (APNs tokens in lower case), or an endpoint',
    ),
});
export type InvalidRecipientFilter = Omit<
  z.output<typeof listInvalidRecipientsQuery>,
  'limit' | 'cursor' | 'before'
>;

export const invalidRecipientSchema = z.object({
  id: z.uuid(),
  channel_id: z.uuid(),
  channel_name: z.string(),
  provider: z.string().describe('`apns`, `fcm` or `webpush`'),
  recipient: z.string().describe("the device or registration token, or the Web Push subscription's endpoint"),
  reason: z
    .string()
    .describe(
      "the provider's word: APNs `Unregistered`, `BadDeviceToken`, `ExpiredToken`, `DeviceTokenNotForTopic`; " +
        'FCM `UNREGISTERED`, `INVALID_ARGUMENT`; Web Push `expired (HTTP 404|410)`',
    ),
  detail: z.string().nullable().describe("the failed attempt's error"),
  invalid_since: z
    .string()
    .nullable()
    .describe('since when the provider says the token is invalid (APNs, for Unregistered)'),
  message_id: z.uuid().nullable().describe('the message whose attempt reported it (last)'),
  created_at: z.string().describe('first reported'),
  last_seen_at: z.string().describe('last reported'),
});
export type InvalidRecipientView = z.infer<typeof invalidRecipientSchema>;
