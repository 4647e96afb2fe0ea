import { z } from 'zod';
import { parseServiceAccount } from './service-account';

export const FCM_BASE_URL = 'https://fcm.googleapis.com';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const httpsOrHttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2048);

/** Android/APNs/Web Push sections of an FCM message, passed through as FCM documents them. */
const section = (label: string, description: string) =>
  z.record(z.string(), z.unknown()).optional().meta({ label, description });

export const fcmConfigSchema = z.strictObject({
  service_account: z
    .string()
    .min(2)
    .max(20_000)
    .superRefine((value, ctx) => {
      const parsed = parseServiceAccount(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
    })
    .meta({
      secret: true,
      kind: 'text',
      label: 'Service account key (JSON)',
      description:
        'The key file of a service account allowed to send with FCM (role "Firebase Cloud Messaging API Admin").',
    }),
  project_id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,29}$/, 'must be a Firebase project id')
    .optional()
    .meta({ label: 'Project id', description: "Defaults to the service account's project_id." }),
  android: section('Android options', 'AndroidConfig merged into every message, e.g. {"priority": "high"}.'),
  apns: section(
    'APNs options',
    'ApnsConfig merged into every message, e.g. {"headers": {"apns-priority": "5"}}.',
  ),
  webpush: section('Web Push options', 'WebpushConfig merged into every message.'),
  base_url: httpsOrHttpUrl.default(FCM_BASE_URL).meta({
    label: 'API base URL',
    description: 'Advanced: for a proxy or a test double of the FCM HTTP v1 API.',
  }),
  token_url: httpsOrHttpUrl.default(GOOGLE_TOKEN_URL).meta({
    label: 'OAuth token URL',
    description: 'Advanced: where the signed service-account assertion is exchanged for an access token.',
  }),
  timeout_seconds: z.number().int().min(1).max(30).default(10).meta({ label: 'Timeout (seconds)' }),
});

export type FcmConfig = z.output<typeof fcmConfigSchema>;
