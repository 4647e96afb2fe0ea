import { z } from 'zod';

/**
 * The sign-in form's fields: what next-auth's credentials provider parses (lib/auth/options.ts) and what the
 * console's sign-in form validates with. Free of server code so the browser can load it.
 */
export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'enter your e-mail address').max(254),
  password: z.string().min(1, 'enter your password').max(256),
});
export type Credentials = z.input<typeof credentialsSchema>;
