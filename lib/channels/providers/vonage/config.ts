import { z } from 'zod';
import { smsSender } from '../../phone';

/** Vonage's names for the dashboard's "signature method" choices (the SDK's AlgorithmTypes). */
export const SIGNATURE_METHODS = ['md5hash', 'md5hmac', 'sha1hmac', 'sha256hmac', 'sha512hmac'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export const vonageConfigSchema = z.strictObject({
  api_key: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{6,32}$/, 'must be a Vonage API key (letters and digits)')
    .meta({ label: 'API key' }),
  api_secret: z.string().trim().min(1).max(256).meta({ secret: true, label: 'API secret' }),
  from: smsSender.meta({
    label: 'From',
    description:
      'A Vonage number (E.164), short code, or alphanumeric sender ID where the country allows one.',
  }),
  signature_secret: z.string().trim().min(1).max(256).optional().meta({
    secret: true,
    label: 'Signature secret',
    description:
      'Checks the `sig` of signed delivery receipts (Dashboard → API settings). Without it receipts are refused, since unsigned ones could be forged.',
  }),
  signature_method: z.enum(SIGNATURE_METHODS).default('md5hash').meta({
    label: 'Signature method',
    description: 'As chosen in the Vonage dashboard: MD5 hash (the default there) or an HMAC.',
  }),
  status_callback_url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2048)
    .optional()
    .meta({
      label: 'Delivery receipt URL',
      description:
        'Public URL of this channel’s status hook (…/api/v1/hooks/status/<channel id>), sent as `callback` with every message; otherwise the account’s default receipt URL applies.',
    }),
  rest_host: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2048)
    .default('https://rest.nexmo.com')
    .meta({
      label: 'REST host (advanced)',
      description: 'Base URL of the SMS API; only for a proxy or a test double.',
    }),
  timeout_seconds: z.number().int().min(1).max(60).default(15).meta({ label: 'Timeout (seconds)' }),
});

export type VonageConfig = z.output<typeof vonageConfigSchema>;
