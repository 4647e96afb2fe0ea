import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { mailbox } from '../smtp/addresses';

export const SENDGRID_API = 'https://api.sendgrid.com';

/** SendGrid shows the Event Webhook verification key as base64 DER (SPKI) of an ECDSA P-256 key. */
function isP256PublicKey(value: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

export const sendgridConfigSchema = z.strictObject({
  api_key: z
    .string()
    .trim()
    .regex(/^SG\.[\w-]+\.[\w-]+$/, 'must be a SendGrid API key (SG.…)')
    .meta({
      secret: true,
      label: 'API key',
      description: 'Needs the mail.send permission; the health check reads the key’s scopes.',
    }),
  from: mailbox.meta({
    label: 'From',
    description:
      'A verified sender or an address of an authenticated domain, e.g. "Acme <noreply@acme.example>".',
  }),
  reply_to: mailbox.optional().meta({ label: 'Reply-To' }),
  categories: z.array(z.string().trim().min(1).max(255)).max(10).optional().meta({
    label: 'Categories',
    description: 'Up to 10, attached to every mail for SendGrid’s statistics.',
  }),
  template_id: z
    .string()
    .trim()
    .regex(/^d-[0-9a-f]{32}$/, 'must be a dynamic template id (d-…)')
    .optional()
    .meta({
      label: 'Default dynamic template',
      description:
        'Used when a message has no content.template_id. A message may set content.template_id (d-…), content.dynamic_data (object) and content.attachments ([{filename, content_base64, content_type}]).',
    }),
  event_webhook_public_key: z
    .string()
    .trim()
    .refine(isP256PublicKey, 'must be the base64 ECDSA public key shown by SendGrid')
    .optional()
    .meta({
      label: 'Event Webhook verification key',
      description:
        'Settings → Mail Settings → Event Webhook → Signed Event Webhook. Required to accept delivery events at /api/v1/hooks/status/<channel id>.',
    }),
  base_url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2048)
    .default(SENDGRID_API)
    .meta({
      label: 'API base URL (advanced)',
      description: 'https://api.eu.sendgrid.com for EU data residency, or a proxy.',
    }),
  timeout_seconds: z.number().int().min(1).max(60).default(15).meta({ label: 'Timeout (seconds)' }),
});

export type SendgridConfig = z.output<typeof sendgridConfigSchema>;
