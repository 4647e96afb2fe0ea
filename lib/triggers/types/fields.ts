import { z } from 'zod';

/** A header name as RFC 9110 defines a token. */
export const headerNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name');
