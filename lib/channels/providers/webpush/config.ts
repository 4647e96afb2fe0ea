import { z } from 'zod';
import { caCertificateField } from '../../ca-field';
import { BASE64URL, vapidPairProblem } from './vapid';

export const webpushConfigSchema = z
  .strictObject({
    vapid_public_key: z.string().trim().regex(BASE64URL, 'must be base64url').max(200).meta({
      label: 'VAPID public key',
      description: 'The applicationServerKey the web app subscribes with. Generate a pair in the console.',
    }),
    vapid_private_key: z
      .string()
      .trim()
      .regex(BASE64URL, 'must be base64url')
      .max(200)
      .meta({ secret: true, label: 'VAPID private key' }),
    vapid_subject: z
      .string()
      .trim()
      .max(500)
      .refine((value) => /^mailto:[^@\s]+@[^@\s]+$/.test(value) || /^https:\/\/[^\s]+$/.test(value), {
        message: 'must be a mailto: address or an https: URL',
      })
      .meta({
        label: 'VAPID subject',
        description: 'How push services can reach you, e.g. mailto:ops@example.com.',
      }),
    ttl_seconds: z.number().int().min(0).max(2_419_200).default(86_400).meta({
      label: 'TTL (seconds)',
      description: 'How long the push service keeps a message for an offline browser (at most 4 weeks).',
    }),
    urgency: z.enum(['very-low', 'low', 'normal', 'high']).default('normal').meta({ label: 'Urgency' }),
    topic: z.string().regex(BASE64URL, 'must use the URL-safe base64 alphabet').max(32).optional().meta({
      label: 'Topic',
      description: 'A pending message with the same topic is replaced by a newer one.',
    }),
    ca: caCertificateField({
      label: 'Extra CA (PEM)',
      description: 'Advanced: also trust this CA for push service endpoints (a self-hosted push service).',
    }),
    timeout_seconds: z.number().int().min(1).max(30).default(10).meta({ label: 'Timeout (seconds)' }),
  })
  .superRefine((config, ctx) => {
    const problem = vapidPairProblem(config.vapid_public_key, config.vapid_private_key);
    if (problem) ctx.addIssue({ code: 'custom', path: ['vapid_public_key'], message: problem });
  });

export type WebpushConfig = z.output<typeof webpushConfigSchema>;
