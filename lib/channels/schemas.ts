import { z } from 'zod';
import type { ChannelType } from './types';

/**
 * The channel resource, once: request bodies, the response view and the provider catalogue. Shared by the
 * route handlers, the console form and the OpenAPI document. Free of server-only imports so the console can
 * use it too; a provider's own `config` is validated by that provider's `configSchema` (see service.ts).
 */

export const DEFAULT_RETRY_POLICY = {
  max_attempts: 8,
  base_delay_seconds: 10,
  max_delay_seconds: 3600,
} as const;

export const channelTypeSchema = z.enum(['email', 'sms', 'push', 'chat', 'webhook'] satisfies ChannelType[]);

const positiveInt = z.number().int().positive();

export const rateLimitSchema = z
  .strictObject({
    per_second: positiveInt.optional(),
    per_minute: positiveInt.optional(),
    per_hour: positiveInt.optional(),
  })
  .describe('Sends allowed through this channel per second, minute and hour (any combination).');

export const retryPolicySchema = z
  .strictObject({
    max_attempts: z.number().int().min(1).max(50).default(DEFAULT_RETRY_POLICY.max_attempts),
    base_delay_seconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .default(DEFAULT_RETRY_POLICY.base_delay_seconds),
    max_delay_seconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .default(DEFAULT_RETRY_POLICY.max_delay_seconds),
  })
  .refine((policy) => policy.max_delay_seconds >= policy.base_delay_seconds, {
    path: ['max_delay_seconds'],
    message: 'must be at least base_delay_seconds',
  })
  .describe('Retryable failures back off exponentially from base_delay_seconds up to max_delay_seconds.');

/** Provider settings; checked against the provider's own schema. Secrets may be sent back masked ("••••1a2b"). */
const configInput = z.record(z.string(), z.unknown());

const channelFields = {
  name: z.string().trim().min(1, 'must not be empty').max(100),
  provider: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .describe('e.g. "webhook", "smtp"; see GET /api/v1/channels/providers'),
  type: channelTypeSchema.describe("Derived from the provider; if given it must be the provider's type."),
  config: configInput,
  rate_limit: rateLimitSchema.nullable(),
  retry_policy: retryPolicySchema.nullable(),
  fallback_channel_id: z.uuid().nullable().describe('Channel tried when this one fails permanently.'),
  enabled: z.boolean(),
};

export const createChannelSchema = z.strictObject({
  ...channelFields,
  type: channelFields.type.optional(),
  rate_limit: channelFields.rate_limit.optional(),
  retry_policy: channelFields.retry_policy.optional(),
  fallback_channel_id: channelFields.fallback_channel_id.optional(),
  enabled: channelFields.enabled.default(true),
});
export type CreateChannelInput = z.output<typeof createChannelSchema>;

/**
 * A PATCH: any subset of the fields. `config`, `rate_limit` and `retry_policy` replace the stored object
 * (masked secrets inside `config` keep their stored values); `null` clears the last three.
 */
export const updateChannelSchema = z
  .strictObject(channelFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type UpdateChannelInput = z.output<typeof updateChannelSchema>;

export const channelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: channelTypeSchema,
  provider: z.string(),
  config: z
    .record(z.string(), z.unknown())
    .describe('Secrets masked as "••••" plus their last 4 characters.'),
  rate_limit: rateLimitSchema.nullable(),
  retry_policy: z.object({
    max_attempts: z.number().int(),
    base_delay_seconds: z.number().int(),
    max_delay_seconds: z.number().int(),
  }),
  fallback_channel_id: z.uuid().nullable(),
  enabled: z.boolean(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ChannelView = z.infer<typeof channelSchema>;

export const testChannelSchema = z.strictObject({
  to: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .optional()
    .describe('Recipient; required by providers that need one.'),
});

export const testResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    provider_message_id: z.string().nullable(),
    response_code: z
      .number()
      .int()
      .nullable()
      .describe("the provider's status code (HTTP, SMTP), when known"),
    duration_ms: z.number().int(),
    response: z.record(z.string(), z.unknown()).nullable(),
  }),
  z.object({
    ok: z.literal(false),
    error: z.string(),
    retryable: z.boolean(),
    response_code: z
      .number()
      .int()
      .nullable()
      .describe("the provider's status code (HTTP, SMTP), when known"),
    duration_ms: z.number().int(),
    response: z.record(z.string(), z.unknown()).optional(),
  }),
]);
export type TestResult = z.infer<typeof testResultSchema>;

export const healthResultSchema = z.object({
  ok: z.boolean(),
  detail: z.string(),
  duration_ms: z.number().int(),
});
export type HealthResult = z.infer<typeof healthResultSchema>;

export const configFieldSchema = z.object({
  /** Dotted for nested settings (`auth.password`). */
  name: z.string(),
  label: z.string(),
  kind: z
    .enum(['string', 'number', 'boolean', 'enum', 'json', 'template', 'text'])
    .describe('text: multi-line text such as a PEM key; template: a Liquid template; json: any JSON value'),
  required: z.boolean(),
  secret: z.boolean(),
  options: z.array(z.string()).optional(),
  default: z.unknown().optional(),
  description: z.string().optional(),
  /** Shown only while another field has one of these values (variants such as `auth.type`). */
  when: z.object({ field: z.string(), equals: z.array(z.string()) }).optional(),
});
export type ConfigField = z.infer<typeof configFieldSchema>;

export const providerDescriptionSchema = z.object({
  provider: z.string(),
  type: channelTypeSchema,
  label: z.string(),
  requires_recipient: z.boolean(),
  fields: z.array(configFieldSchema),
});
export type ProviderDescription = z.infer<typeof providerDescriptionSchema>;

/** A generated VAPID pair, named like the webpush config fields it fills. */
export const vapidKeysSchema = z.object({
  vapid_public_key: z.string().describe('base64url P-256 public key (the applicationServerKey)'),
  vapid_private_key: z.string().describe('base64url private key; store it only in the channel config'),
});
export type VapidKeys = z.infer<typeof vapidKeysSchema>;
