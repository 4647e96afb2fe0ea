import { z } from 'zod';
import { paginationQuery } from '../api/pagination';

/** The seed's event format, as POSTed to /api/v1/events and read from brokers. */
export const eventInputSchema = z.strictObject({
  event_type: z.string().trim().min(1).max(200),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type EventInput = z.output<typeof eventInputSchema>;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const acceptedEventSchema = z.object({
  event_id: z.uuid(),
  duplicate: z.boolean(),
  runs: z.array(z.object({ workflow_id: z.uuid(), run_id: z.uuid() })),
});

export const eventStatusSchema = z.enum(['accepted', 'invalid']);

export const listEventsQuery = z.object({
  ...paginationQuery.shape,
  status: eventStatusSchema.optional(),
  event_type: z.string().max(200).optional(),
  source: z.enum(['kafka', 'rabbitmq', 'api', 'webhook', 'schedule', 'poll']).optional(),
});

export const eventViewSchema = z.object({
  id: z.uuid(),
  source: z.string(),
  source_id: z.string().nullable(),
  trigger_id: z.uuid().nullable(),
  event_type: z.string().nullable(),
  payload: z.unknown(),
  raw: z.string().nullable(),
  status: eventStatusSchema,
  error: z.string().nullable(),
  occurred_at: z.string().nullable(),
  created_at: z.string(),
});
export type EventView = z.infer<typeof eventViewSchema>;

export const eventRunSchema = z.object({
  id: z.uuid(),
  workflow_id: z.uuid(),
  workflow_key: z.string(),
  workflow_name: z.string(),
  workflow_version: z.number().int(),
  trigger_id: z.uuid().nullable(),
  status: z.enum(['running', 'waiting', 'completed', 'failed', 'cancelled']),
  error: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  replay_id: z.uuid().nullable().describe('the replay that started it; null for the runs of its arrival'),
});

export const eventDetailSchema = eventViewSchema.extend({
  runs: z.array(eventRunSchema).describe('oldest first, at most 200'),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const replayResultSchema = z.object({
  replay_id: z.uuid(),
  event_id: z.uuid(),
  duplicate: z
    .boolean()
    .describe('true when this Idempotency-Key was already used: the first answer, nothing new'),
  runs: z.array(z.object({ workflow_id: z.uuid(), run_id: z.uuid() })),
});
