import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { filterSchema } from '../../workflows/filters';
import { dottedPathSchema } from '../json-path';
import { defineTriggerType } from './define';
import { headerNameSchema } from './fields';

export const hmacVerificationSchema = z.strictObject({
  type: z.literal('hmac'),
  header: headerNameSchema.meta({
    label: 'Signature header',
    description: 'e.g. X-Hub-Signature-256',
  }),
  secret: z
    .string()
    .min(1)
    .max(1000)
    .meta({ secret: true, label: 'Signing secret', description: 'shared secret; use a long random value' }),
  encoding: z
    .enum(['hex', 'base64'])
    .default('hex')
    .describe('how the sender encodes the HMAC-SHA256 digest'),
  prefix: z.string().max(50).optional().describe('text before the digest in the header, e.g. "sha256="'),
});

export const standardVerificationSchema = z.strictObject({
  type: z.literal('standard'),
  secret: z
    .string()
    .min(1)
    .max(1000)
    .refine(isStandardWebhooksSecret, 'must be a Standard Webhooks secret: "whsec_" followed by base64')
    .meta({ secret: true, label: 'Signing secret', description: 'whsec_…, as the sender shows it' }),
});

export const noVerificationSchema = z.strictObject({ type: z.literal('none') });

export const webhookVerificationSchema = z
  .discriminatedUnion('type', [hmacVerificationSchema, standardVerificationSchema, noVerificationSchema])
  .describe(
    'How requests prove they come from the sender: HMAC-SHA256 of the raw body in a header, or Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). "none" accepts anyone who knows the URL and is discouraged.',
  );

export const webhookTriggerConfigSchema = z
  .strictObject({
    verification: webhookVerificationSchema,
    // standardwebhooks refuses timestamps more than 5 minutes off by itself, so the tolerance can only tighten it.
    tolerance_seconds: z
      .number()
      .int()
      .min(1)
      .max(300)
      .default(300)
      .describe('Standard Webhooks: how far webhook-timestamp may be from now (max 300)'),
    max_body_bytes: z
      .number()
      .int()
      .min(1)
      .max(10 * 1024 * 1024)
      .default(1024 * 1024)
      .describe('larger requests are refused with 413'),
    event_type: z.string().trim().min(1).max(200).optional().describe('fixed event type for every request'),
    event_type_path: dottedPathSchema.optional().describe('dotted path of the event type in the JSON body'),
    data_path: dottedPathSchema
      .optional()
      .describe('dotted path of the event data in the JSON body; the whole body when empty'),
    delivery_id_header: headerNameSchema
      .optional()
      .describe(
        'header naming the delivery; a retry with the same value is a duplicate (default webhook-id for Standard Webhooks)',
      ),
    filter: filterSchema,
  })
  .superRefine((config, ctx) => {
    if ((config.event_type === undefined) === (config.event_type_path === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['event_type'],
        message: 'give exactly one of event_type (fixed) or event_type_path (read from the body)',
      });
  });
export type WebhookTriggerConfig = z.output<typeof webhookTriggerConfigSchema>;
export type WebhookVerification = z.output<typeof webhookVerificationSchema>;

// `verification.secret` is found through the discriminated union, so the config schema alone lists it.
export const webhookTriggerType = defineTriggerType({
  type: 'webhook',
  label: 'Inbound webhook',
  configSchema: webhookTriggerConfigSchema as z.ZodType<WebhookTriggerConfig>,
});

/** The library decodes the secret itself; whatever it refuses here would fail every request later. */
function isStandardWebhooksSecret(secret: string): boolean {
  try {
    new Webhook(secret);
    return true;
  } catch {
    return false;
  }
}
