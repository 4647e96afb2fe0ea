import { z } from 'zod';

export const apiKeyScopeSchema = z.enum(['admin', 'trigger']);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  scope: apiKeyScopeSchema,
});

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scope: apiKeyScopeSchema,
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe('The secret; shown this once and never again.'),
});
