import { z } from 'zod';
import { stepSchema, workflowRefParams } from './schemas';

/** `/api/v1/workflows/:key/versions/:version` */
export const workflowVersionParams = workflowRefParams.extend({
  version: z.coerce.number().int().min(1).max(2_147_483_647).describe('The version number (1, 2, …)'),
});

export const versionActorSchema = z.object({
  type: z.enum(['user', 'api_key', 'system']),
  id: z.string().nullable(),
  label: z.string().nullable().describe("A user's e-mail, an API key's name, or `system`"),
});

/** One saved definition of a workflow, as it was saved. */
export const workflowVersionSchema = z.object({
  workflow_id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  steps: z.array(stepSchema),
  enabled: z.boolean(),
  restored_from: z.number().int().nullable().describe('The older version this one restored, if any'),
  created_by: versionActorSchema,
  created_at: z.string(),
});
export type WorkflowVersionView = z.infer<typeof workflowVersionSchema>;
