import net from 'node:net';
import { z } from 'zod';
import { caCertificateField } from '../../ca-field';
import { mailbox } from './addresses';

const hostname = z.hostname();

export const smtpConfigSchema = z
  .strictObject({
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .refine(
        (value) => net.isIP(value) !== 0 || hostname.safeParse(value).success,
        'must be a host name or IP address',
      )
      .meta({ label: 'Host', description: 'SMTP server; private addresses need OUTBOUND_ALLOWLIST.' }),
    port: z.number().int().min(1).max(65535).default(587).meta({ label: 'Port' }),
    secure: z.enum(['none', 'starttls', 'tls']).default('starttls').meta({
      label: 'Encryption',
      description:
        'tls: TLS from the first byte (usually port 465); starttls: upgrade required (587); none: plain text.',
    }),
    username: z.string().min(1).max(320).optional().meta({ label: 'Username' }),
    password: z.string().min(1).max(1000).optional().meta({ secret: true, label: 'Password' }),
    from: mailbox.meta({ label: 'From', description: 'e.g. "Acme <noreply@acme.example>"' }),
    reply_to: mailbox.optional().meta({ label: 'Reply-To' }),
    ca: caCertificateField({
      label: 'Server CA (PEM)',
      description:
        'Advanced: also trust this CA for the server certificate (a mail server with a private CA). The certificate is always verified, host name included.',
    }),
    timeout_seconds: z.number().int().min(1).max(120).default(30).meta({
      label: 'Timeout (seconds)',
      description: 'For connecting, the greeting and each command.',
    }),
  })
  .refine((config) => !config.password || config.username, {
    path: ['username'],
    message: 'is required when a password is set',
  })
  .refine((config) => !config.username || config.password, {
    path: ['password'],
    message: 'is required when a username is set',
  });

export type SmtpConfig = z.output<typeof smtpConfigSchema>;
