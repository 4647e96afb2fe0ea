import { z } from 'zod';
import { paginationQuery } from '../api/pagination';
import { filterSchema } from '../workflows/filters';
import { triggerNameSchema, triggerWorkflowIdSchema } from './trigger-fields';
import { TRIGGER_TYPES } from './types';
import { apiTriggerConfigSchema } from './types/api';
import { eventTriggerConfigSchema } from './types/event';
import { pollTriggerConfigSchema } from './types/poll';
import { scheduleTriggerConfigSchema } from './types/schedule';
import { webhookTriggerConfigSchema } from './types/webhook';

export const triggerTypeSchema = z.enum(['event', 'api', 'webhook', 'schedule', 'poll']);
export type TriggerType = z.infer<typeof triggerTypeSchema>;

const triggerName = triggerNameSchema;

export { apiTriggerConfigSchema };

const createVariant = <T extends string, C extends z.ZodType>(type: T, config: C) =>
  z.strictObject({
    name: triggerName,
    type: z.literal(type),
    workflow_id: triggerWorkflowIdSchema,
    enabled: z.boolean().default(true),
    config,
  });

/**
 * Which trigger types exist: one variant per entry of TRIGGER_TYPES (lib/triggers/types/), whose config schema
 * validates `config`. Types not there yet are answered with a message saying so.
 */
const createVariants = [
  createVariant('api', apiTriggerConfigSchema.default({ filter: {} })),
  createVariant('event', eventTriggerConfigSchema),
  createVariant('webhook', webhookTriggerConfigSchema),
  createVariant('schedule', scheduleTriggerConfigSchema),
  createVariant('poll', pollTriggerConfigSchema),
] as const;
export const triggerConfigSchemas: Partial<Record<TriggerType, z.ZodType<Record<string, unknown>>>> =
  Object.fromEntries(
    Object.entries(TRIGGER_TYPES).map(([type, definition]) => [type, definition!.configSchema]),
  );
export const AVAILABLE_TRIGGER_TYPES: readonly string[] = createVariants.map((v) => v.shape.type.value);
const PLANNED_TRIGGER_TYPES: readonly string[] = triggerTypeSchema.options.filter(
  (t) => !AVAILABLE_TRIGGER_TYPES.includes(t),
);

export function unavailableTypeMessage(type: unknown): string {
  const available = AVAILABLE_TRIGGER_TYPES.join(', ');
  if (typeof type === 'string' && PLANNED_TRIGGER_TYPES.includes(type))
    return `trigger type "${type}" is not available yet; this version supports: ${available}`;
  return `type must be one of: ${available}`;
}

export const createTriggerSchema = z.discriminatedUnion('type', createVariants, {
  // Only the union's own "no matching discriminator" issue is rewritten; field errors inside a variant keep theirs.
  error: (issue) =>
    issue.code === 'invalid_union'
      ? unavailableTypeMessage((issue.input as { type?: unknown })?.type)
      : undefined,
});
export type CreateTriggerInput = z.output<typeof createTriggerSchema>;

/** The type cannot change; `config` is replaced whole and checked against the trigger's type. */
export const updateTriggerSchema = z.strictObject({
  name: triggerName.optional(),
  workflow_id: triggerWorkflowIdSchema.optional(),
  enabled: z.boolean().optional(),
  config: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("replaces the config; checked against the trigger's type"),
});
export type UpdateTriggerInput = z.output<typeof updateTriggerSchema>;

export const triggerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: triggerTypeSchema,
  workflow_id: z.uuid(),
  enabled: z.boolean(),
  config: z
    .object({ filter: z.record(z.string(), z.unknown()) })
    .catchall(z.unknown())
    .describe('Type-specific settings plus `filter`'),
  created_at: z.string(),
  updated_at: z.string(),
  status: z
    .array(
      z.object({
        worker_id: z.string(),
        state: z.enum(['connecting', 'running', 'paused', 'error', 'stopped']),
        lag: z.number().nullable().describe('Kafka: messages not yet consumed'),
        last_message_at: z.string().nullable(),
        last_error: z.string().nullable(),
        updated_at: z.string(),
        current: z.boolean().describe('false when the worker has not reported for 2 minutes'),
      }),
    )
    .describe('Consumer state in each worker running this trigger (event, schedule and poll triggers)'),
});
export type TriggerView = z.infer<typeof triggerSchema>;
export type TriggerStatusView = TriggerView['status'][number];

export const listTriggersQuery = paginationQuery.extend({
  workflow_id: z.uuid().optional().describe('Only triggers of this workflow'),
  type: triggerTypeSchema.optional(),
});

/** The event as filters see it: the seed's format, nothing else. */
export const sampleEventSchema = z.strictObject({
  event_type: z.string().min(1).max(200),
  timestamp: z.string().max(100).optional(),
  data: z.unknown().default({}),
});

export const testFilterSchema = z.strictObject({ filter: filterSchema, event: sampleEventSchema });
export const testFilterResultSchema = z.object({ matches: z.boolean() });
