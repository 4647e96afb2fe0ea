/**
 * The one error type core code throws for a refusal the caller should hear about: a code from a small fixed set,
 * a message in words and, for bad input, the failing fields by path relative to the operation's input
 * (`config.url`, `steps.2.channel_id`). It knows nothing of HTTP: the route wrapper maps codes to statuses
 * (lib/api/errors.ts), a worker logs them, the CLI prints them.
 */
export const ERROR_CODES = [
  'malformed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'too_large',
  'unsupported_media_type',
  'invalid',
  'rate_limited',
  'internal',
  'upstream_error',
  'unavailable',
  'upstream_timeout',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** Hints for the transport (e.g. `www-authenticate`, `retry-after`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** An `invalid` error for one field: the message reads `path: problem`. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('invalid', `${path}: ${message}`, [{ path, message }]);
}

/** Field errors from a zod error, with paths under `root` (`config.url`). */
export function fieldErrors(
  error: {
    issues: readonly { path: readonly PropertyKey[]; message: string; code: string; keys?: string[] }[];
  },
  root?: string,
): FieldError[] {
  return error.issues.map((issue) => {
    const parts = [...(root ? [root] : []), ...issue.path.map(String)];
    const path = parts.join('.') || '(root)';
    const message =
      issue.code === 'unrecognized_keys' && issue.keys
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : issue.message;
    return { path, message };
  });
}

/** An `invalid` error listing every failing field of a zod error. */
export function validationError(error: Parameters<typeof fieldErrors>[0], root?: string): AppError {
  const errors = fieldErrors(error, root);
  return new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

/**
 * Why an outbound call (a provider's send or check, a webhook, a poll) failed, and whether trying again can help:
 * retryable (network trouble, a timeout, 408, 429, 5xx: tried again with backoff, at least `retryAfterMs` later)
 * or permanent (any other refusal, an invalid recipient, a bad config: fails at once). A 429 or a failure marked
 * `rateLimited` also holds the channel and does not spend an attempt (lib/delivery). Providers decide the kind
 * with lib/channels/classify-failure.ts; the outbound layer (lib/outbound) throws these for what it refuses or
 * gets no answer to.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly kind: 'retryable' | 'permanent',
    readonly details: {
      responseCode?: number;
      retryAfterMs?: number;
      /** The provider throttled the sender (a 429 counts as this already): waited out, see lib/delivery. */
      rateLimited?: boolean;
      response?: Record<string, unknown>;
      request?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
  }
}
