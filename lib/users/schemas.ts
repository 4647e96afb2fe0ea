import { z } from 'zod';
import { passwordSchema } from '../auth/password-policy';

export const roleSchema = z.enum(['admin', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z
  .email('must be an e-mail address')
  .max(254)
  .transform((value) => value.toLowerCase());
export { passwordSchema };

export const createUserSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(100).optional(),
  role: roleSchema.default('viewer'),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  role: roleSchema.optional(),
  password: passwordSchema.optional(),
  disabled: z.boolean().optional(),
});

export const setupSchema = createUserSchema.omit({ role: true });

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  disabled: z.boolean(),
  last_login_at: z.string().nullable(),
  created_at: z.string(),
});
export type UserView = z.infer<typeof userSchema>;
