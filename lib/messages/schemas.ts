import { z } from 'zod';
import { paginationQuery } from '../api/pagination';

export const messageStatusSchema = z.enum([
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'retrying',
  'dead',
  'bounced',
  'discarded',
]);
export type MessageStatus = z.infer<typeof messageStatusSchema>;
export const FINAL_STATUSES: MessageStatus[] = [
  'sent',
  'delivered',
  'failed',
  'dead',
  'bounced',
  'discarded',
];

const statusList = z
  .string()
  .transform((value) => value.split(',').map((s) => s.trim()))
  .pipe(z.array(messageStatusSchema));

export const messageFilterSchema = z.object({
  status: statusList.optional().describe('one status or several separated by commas'),
  channel_id: z.uuid().optional(),
  workflow_id: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('created at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('created before'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('full-text search over recipient, subject and body'),
});
export type MessageFilter = z.output<typeof messageFilterSchema>;

export const listMessagesQuery = messageFilterSchema.extend(paginationQuery.shape);

/** GET /messages/count: how many match the list's filter, counting up to `limit` ("select all N matching"). */
export const countMessagesQuery = messageFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});

export { redriveResultSchema, redriveSchema } from './bulk-schemas';

export const messageViewSchema = z.object({
  id: z.uuid(),
  run_id: z.uuid().nullable(),
  workflow_id: z.uuid().nullable(),
  channel_id: z.uuid().nullable(),
  step_index: z.number().nullable(),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  html: z.string().nullable(),
  status: messageStatusSchema,
  provider_message_id: z.string().nullable(),
  attempt_count: z.number(),
  next_attempt_at: z.string().nullable(),
  last_error: z.string().nullable(),
  fallback_of_id: z.uuid().nullable(),
  sent_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

export const attemptViewSchema = z.object({
  id: z.uuid(),
  attempt: z.number(),
  kind: z.string(),
  outcome: z.string(),
  response_code: z.number().nullable(),
  error: z.string().nullable(),
  request: z.record(z.string(), z.unknown()).nullable(),
  response: z.record(z.string(), z.unknown()).nullable(),
  duration_ms: z.number().nullable(),
  provider_message_id: z
    .string()
    .nullable()
    .describe(
      "the provider's id for the message in this attempt's answer (apns-id, FCM message name, Slack ts, " +
        'Discord message id, Teams message or flow run id, SNS MessageId…), or the one a status event named',
    ),
  started_at: z.string(),
});

export const messageDetailSchema = messageViewSchema.extend({ attempts: z.array(attemptViewSchema) });
