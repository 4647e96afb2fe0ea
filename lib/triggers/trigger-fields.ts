import { z } from 'zod';

/**
 * The fields every trigger has, apart from lib/triggers/schemas.ts (whose type configs read the server's
 * environment) so the console's trigger form validates with the very schemas the API does.
 */
export const triggerNameSchema = z.string().trim().min(1, 'must not be empty').max(200);
export const triggerWorkflowIdSchema = z.uuid();
