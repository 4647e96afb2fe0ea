import { z } from 'zod';
import { paginationQuery } from '../api/pagination';
import { filterSchema } from '../workflows/filters';

export const triggerTypeSchema = z.enum(['event', 'api', 'webhook', 'schedule', 'poll']);
export type TriggerType = z.infer<typeof triggerTypeSchema>;

const triggerName = z.string().trim().min(1, 'must not be empty').max(200);

/** `api` triggers fire on events POSTed to /api/v1/events whose `{event_type, timestamp, data}` match. */
export const apiTriggerConfigSchema = z.strictObject({ filter: filterSchema });

const createApiTriggerSchema = z.strictObject({
  name: triggerName,
  type: z.literal('api'),
  workflow_id: z.uuid(),
  enabled: z.boolean().default(true),
  config: apiTriggerConfigSchema.default({ filter: {} }),
});

/**
 * The one place that says which trigger types exist. Adding a type = a `create…TriggerSchema` variant below, its
 * config schema in `triggerConfigSchemas`, and removing it from PLANNED_TRIGGER_TYPES.
 */
const createVariants = [createApiTriggerSchema] as const;
export const triggerConfigSchemas: Partial<Record<TriggerType, z.ZodType<Record<string, unknown>>>> = {
  api: apiTriggerConfigSchema,
};
const PLANNED_TRIGGER_TYPES: readonly string[] = ['event', 'webhook', 'schedule', 'poll'];
export const AVAILABLE_TRIGGER_TYPES: readonly string[] = createVariants.map((v) => v.shape.type.value);

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
  workflow_id: z.uuid().optional(),
  enabled: z.boolean().optional(),
  config: z.union([apiTriggerConfigSchema]).optional(),
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
});
export type TriggerView = z.infer<typeof triggerSchema>;

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
