import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { bodyFormatSchema } from './body-format';
import { payloadTemplateProblem } from './payload';

// Headers Switchboard sets itself; `authorization` is reserved so credentials live in the (secret) `auth`.
const RESERVED_HEADERS = new Set([
  'authorization',
  'connection',
  'content-length',
  'content-type',
  'host',
  'transfer-encoding',
  'webhook-id',
  'webhook-signature',
  'webhook-timestamp',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const SIGNING_SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** Standard Webhooks secrets are 24–64 random bytes, base64-encoded after `whsec_`. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const headerName = z
  .string()
  .regex(HEADER_NAME, 'is not a valid header name')
  .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), {
    message: 'is set by Switchboard (use auth for credentials)',
  });

const authSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('basic'),
    username: z
      .string()
      .min(1)
      .max(200)
      .refine((value) => !value.includes(':'), 'must not contain ":"')
      .meta({ label: 'Username' }),
    password: z.string().min(1).max(1000).meta({ secret: true, label: 'Password' }),
  }),
  z.strictObject({
    type: z.literal('bearer'),
    token: z.string().min(1).max(4000).meta({ secret: true, label: 'Bearer token' }),
  }),
]);

export const webhookConfigSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .max(2048)
      .refine((value) => {
        const url = new URL(value);
        return !url.username && !url.password;
      }, 'must not contain credentials; use auth')
      .meta({
        label: 'URL',
        description:
          'Receives every message. Private, loopback and link-local addresses are refused unless OUTBOUND_ALLOWLIST allows them.',
      }),
    method: z.enum(['POST', 'PUT', 'PATCH']).default('POST').meta({ label: 'Method' }),
    headers: z.record(headerName, z.string().max(4096)).optional().meta({
      label: 'Extra headers',
      description: 'Sent with every request; not secret, so no credentials here.',
    }),
    auth: authSchema.default({ type: 'none' }).meta({ label: 'Authentication' }),
    signing_secret: z
      .string()
      .regex(SIGNING_SECRET, 'must be whsec_ followed by base64')
      .refine((value) => {
        const bytes = Buffer.from(value.slice('whsec_'.length), 'base64').length;
        return bytes >= 24 && bytes <= 64;
      }, 'must encode 24 to 64 bytes')
      .optional()
      .meta({
        secret: true,
        label: 'Signing secret',
        description:
          'Standard Webhooks secret (whsec_…) for the webhook-signature header; generated when omitted.',
      }),
    body_format: bodyFormatSchema,
    payload: z
      .string()
      .max(100_000)
      .optional()
      .meta({
        kind: 'template',
        label: 'Payload template',
        description:
          'Liquid template for the request body of messages sent through this channel by a send step without a ' +
          'body template of its own (a step body wins). Rendered like a step body, with {event, data, recipient}; ' +
          'use {{ data.name | json }} to embed a value as JSON. Must render to what the body format sends.',
      }),
    timeout_seconds: z.number().int().min(1).max(30).default(10).meta({ label: 'Timeout (seconds)' }),
  })
  .superRefine((config, ctx) => {
    if (config.payload === undefined) return;
    const problem = payloadTemplateProblem(config.payload, config.body_format);
    if (problem) ctx.addIssue({ code: 'custom', path: ['payload'], message: problem });
  })
  .transform((config) => ({ ...config, signing_secret: config.signing_secret ?? generateSigningSecret() }));

export type WebhookConfig = z.output<typeof webhookConfigSchema>;
