import { z } from 'zod';
import { mailbox } from '../smtp/addresses';

export const MAILGUN_API = 'https://api.mailgun.net';

export const mailgunConfigSchema = z.strictObject({
  api_key: z.string().trim().min(8).max(200).meta({
    secret: true,
    label: 'API key',
    description:
      'A Mailgun API key. A domain sending key can send, but the health check (reading the domain) needs an account key.',
  }),
  domain: z.hostname('must be a domain name').max(253).meta({
    label: 'Sending domain',
    description: 'A domain added to Mailgun, e.g. mg.acme.example.',
  }),
  from: mailbox.meta({
    label: 'From',
    description: 'An address of the sending domain, e.g. "Acme <noreply@mg.acme.example>".',
  }),
  reply_to: mailbox.optional().meta({ label: 'Reply-To' }),
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(128)
        .regex(/^[\x20-\x7e]+$/, 'must be printable ASCII'),
    )
    .max(3)
    .optional()
    .meta({ label: 'Tags', description: 'Up to 3 (o:tag), for Mailgun’s analytics.' }),
  template: z.string().trim().min(1).max(255).optional().meta({
    label: 'Default template',
    description:
      'Mailgun template name used when a message has no content.template_id. A message may set content.template_id, content.dynamic_data (object, sent as t:variables) and content.attachments ([{filename, content_base64, content_type}]).',
  }),
  webhook_signing_key: z.string().trim().min(8).max(200).optional().meta({
    secret: true,
    label: 'Webhook signing key',
    description:
      'Sending → Webhooks → HTTP webhook signing key. Required to accept delivery events at /api/v1/hooks/status/<channel id>.',
  }),
  base_url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2048)
    .default(MAILGUN_API)
    .meta({
      label: 'API base URL (advanced)',
      description: 'https://api.eu.mailgun.net for domains in the EU region, or a proxy.',
    }),
  timeout_seconds: z.number().int().min(1).max(60).default(15).meta({ label: 'Timeout (seconds)' }),
});

export type MailgunConfig = z.output<typeof mailgunConfigSchema>;
