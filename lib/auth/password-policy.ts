import { z } from 'zod';

/** The password rule, apart from the hashing (lib/auth/password.ts) so the console's forms can load it too. */
export const MIN_PASSWORD_LENGTH = 10;

/** A new password, as the API checks it (add user, set-up, reset) and the console's forms before sending. */
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256);
