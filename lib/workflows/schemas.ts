import { z } from 'zod';
import { stepSchema } from './steps';

export const workflowKeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"');

export const createWorkflowSchema = z.strictObject({
  key: workflowKeySchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  steps: z.array(stepSchema).min(1, 'a workflow needs at least one step').max(50),
  enabled: z.boolean().default(true),
});

// `enabled` is re-declared without its default: `.partial()` keeps defaults, so a PATCH that only renames a
// workflow would otherwise silently re-enable it.
export const updateWorkflowSchema = createWorkflowSchema
  .omit({ key: true })
  .extend({ enabled: z.boolean() })
  .partial();

export const workflowSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  steps: z.array(stepSchema),
  enabled: z.boolean(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WorkflowView = z.infer<typeof workflowSchema>;

export const triggerWorkflowSchema = z.strictObject({
  data: z.record(z.string(), z.unknown()).default({}),
  /** Optional recipient exposed to templates as `recipient`. */
  recipient: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});

/** `/api/v1/workflows/:key` takes the workflow's key, or its id for convenience. */
export const workflowRefParams = z.object({
  key: z.string().min(1).max(100).describe('The workflow key (or its UUID id)'),
});

export { type SendStep, type Step, stepSchema } from './steps';
