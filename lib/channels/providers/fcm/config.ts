import { z } from 'zod';
import { parseServiceAccount } from './service-account';

/** Where the Admin SDK sends (fixed in firebase-admin: only a proxy can stand in between). */
export const FCM_HOST = 'fcm.googleapis.com';

/** Android/APNs/Web Push sections of an FCM message, passed through as FCM documents them. */
const section = (label: string, description: string) =>
  z.record(z.string(), z.unknown()).optional().meta({ label, description });

const parsed = (value: string) => (URL.canParse(value) ? new URL(value) : undefined);
const proxyUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2048)
  .refine((value) => {
    const url = parsed(value);
    return !url?.username && !url?.password;
  }, 'must not hold credentials: use Proxy username and Proxy password')
  .refine((value) => {
    const url = parsed(value);
    return !url || ((url.pathname === '/' || url.pathname === '') && !url.search && !url.hash);
  }, 'must be the proxy origin only (scheme, host and port)');

export const fcmConfigSchema = z
  .strictObject({
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
    android: section(
      'Android options',
      'AndroidConfig merged into every message, e.g. {"priority": "high"}.',
    ),
    apns: section(
      'APNs options',
      'ApnsConfig merged into every message, e.g. {"headers": {"apns-priority": "5"}}.',
    ),
    webpush: section('Web Push options', 'WebpushConfig merged into every message.'),
    proxy_url: proxyUrl.optional().meta({
      label: 'HTTPS proxy URL',
      description:
        'Advanced: reach FCM and Google’s OAuth token endpoint through this HTTP CONNECT proxy (corporate egress), e.g. http://proxy.corp.example:3128. A proxy on a private address needs OUTBOUND_ALLOWLIST.',
    }),
    proxy_username: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .meta({ label: 'Proxy username', description: 'For a proxy that asks for Basic authentication.' }),
    proxy_password: z.string().min(1).max(1000).optional().meta({ secret: true, label: 'Proxy password' }),
    proxy_ca: z
      .string()
      .trim()
      .max(20_000)
      .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, 'must be a PEM certificate')
      .optional()
      .meta({
        kind: 'text',
        label: 'Proxy CA (PEM)',
        description:
          'Advanced: also trust this CA through the proxy: the certificate of an https:// proxy, or those a TLS-inspecting proxy issues for Google’s hosts. Certificates are always verified, host names included.',
      }),
    timeout_seconds: z.number().int().min(1).max(30).default(10).meta({ label: 'Timeout (seconds)' }),
  })
  .refine((config) => config.proxy_url || (!config.proxy_username && !config.proxy_ca), {
    path: ['proxy_url'],
    message: 'is required when proxy credentials or a proxy CA are set',
  })
  .refine((config) => !config.proxy_password || config.proxy_username, {
    path: ['proxy_username'],
    message: 'is required when a proxy password is set',
  });

export type FcmConfig = z.output<typeof fcmConfigSchema>;
