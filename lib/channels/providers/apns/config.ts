import { z } from 'zod';

export const APNS_HOSTS = {
  production: 'api.push.apple.com',
  sandbox: 'api.sandbox.push.apple.com',
} as const;

// node-apn reads a credential that is not PEM text as a file path; only PEM text is accepted, so a config can
// never make the worker read a file of its own.
const pem = (kind: string, label: string) =>
  z
    .string()
    .trim()
    .max(20_000)
    .regex(new RegExp(`^-----BEGIN ${kind}-----[\\s\\S]+-----END ${kind}-----$`), `must be a PEM ${label}`);
const PRIVATE_KEY = '(?:EC |RSA |ENCRYPTED )?PRIVATE KEY';
const TEAM_OR_KEY_ID = /^[A-Z0-9]{10}$/;

const authSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('token'),
    key: pem(PRIVATE_KEY, 'private key').meta({
      secret: true,
      kind: 'text',
      label: 'Signing key (.p8)',
      description: 'Contents of the AuthKey_<key id>.p8 file from the Apple developer account.',
    }),
    key_id: z.string().regex(TEAM_OR_KEY_ID, 'must be the 10-character key id').meta({ label: 'Key id' }),
    team_id: z.string().regex(TEAM_OR_KEY_ID, 'must be the 10-character team id').meta({ label: 'Team id' }),
  }),
  z.strictObject({
    type: z.literal('certificate'),
    certificate: pem('CERTIFICATE', 'certificate').meta({
      kind: 'text',
      label: 'Certificate (PEM)',
      description: 'The Apple Push Notification service SSL certificate of the app.',
    }),
    private_key: pem(PRIVATE_KEY, 'private key').meta({
      secret: true,
      kind: 'text',
      label: 'Certificate private key (PEM)',
    }),
    passphrase: z.string().min(1).max(1000).optional().meta({ secret: true, label: 'Key passphrase' }),
  }),
]);

export const apnsConfigSchema = z.strictObject({
  auth: authSchema.meta({ label: 'Authentication' }),
  bundle_id: z
    .string()
    .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'must be a bundle id such as com.example.app')
    .max(200)
    .meta({ label: 'Bundle id', description: 'The apns-topic of every notification.' }),
  environment: z.enum(['production', 'sandbox']).default('production').meta({
    label: 'Environment',
    description: 'sandbox for development builds of the app, production for TestFlight and App Store builds.',
  }),
  push_type: z
    .enum([
      'alert',
      'background',
      'voip',
      'complication',
      'fileprovider',
      'mdm',
      'liveactivity',
      'location',
      'pushtotalk',
    ])
    .default('alert')
    .meta({ label: 'Push type', description: 'apns-push-type; content.push_type overrides it per message.' }),
  // A string enum, as the console's select sends strings; the apns-priority header is the same text.
  priority: z.enum(['10', '5', '1']).default('10').meta({
    label: 'Priority',
    description: '10: immediately; 5: at a time that saves power (always for background pushes); 1: lowest.',
  }),
  collapse_id: z
    .string()
    .min(1)
    .refine((value) => Buffer.byteLength(value) <= 64, 'must be at most 64 bytes')
    .optional()
    .meta({
      label: 'Collapse id',
      description: 'Notifications with the same id replace each other on the device.',
    }),
  expiration_seconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400)
    .meta({
      label: 'Expiration (seconds)',
      description: 'How long APNs keeps trying an offline device; 0 delivers at once or not at all.',
    }),
  endpoint: z
    .url({ protocol: /^https$/, error: 'must be an https:// URL' })
    .max(2048)
    .refine((value) => {
      const url = new URL(value);
      return !url.username && !url.password && (url.pathname === '/' || url.pathname === '') && !url.search;
    }, 'must be a bare https://host[:port]')
    .optional()
    .meta({
      label: 'Gateway URL',
      description: 'Advanced: an APNs-compatible HTTP/2 gateway instead of Apple (default per environment).',
    }),
  ca: pem('CERTIFICATE', 'certificate').optional().meta({
    kind: 'text',
    label: 'Gateway CA (PEM)',
    description: 'Advanced: trust this CA for the gateway (a private gateway).',
  }),
  timeout_seconds: z.number().int().min(1).max(30).default(10).meta({ label: 'Timeout (seconds)' }),
});

export type ApnsConfig = z.output<typeof apnsConfigSchema>;

/** Where the HTTP/2 connection goes: the configured gateway, else Apple's host for the environment. */
export function gateway(config: ApnsConfig): { url: string; host: string; port: number } {
  const url = new URL(config.endpoint ?? `https://${APNS_HOSTS[config.environment]}`);
  return { url: url.origin, host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) };
}
