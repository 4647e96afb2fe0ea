import { z } from 'zod';
import { awsCredentialFields } from '../../aws/config';
import { mailbox } from '../smtp/addresses';

const PEM_CERTIFICATE = /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/;
// A host name whose labels may be "*" (one whole label), e.g. sns.*.amazonaws.com; or an IP address.
const HOST_PATTERN = /^(\*|[a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.(\*|[a-z0-9]([a-z0-9-]*[a-z0-9])?))*$/;

export const sesConfigSchema = z.strictObject({
  ...awsCredentialFields({
    region: 'Where the sending identity is verified, e.g. eu-west-1.',
    secret:
      'Of an IAM user allowed ses:SendEmail, ses:SendRawEmail and ses:SendTemplatedEmail (and ses:GetSendQuota, ses:GetAccountSendingEnabled for the health check).',
  }),
  from: mailbox.meta({
    label: 'From',
    description: 'A verified identity (address or domain), e.g. "Acme <noreply@acme.example>".',
  }),
  reply_to: mailbox.optional().meta({ label: 'Reply-To' }),
  configuration_set: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a configuration set name')
    .optional()
    .meta({
      label: 'Configuration set',
      description:
        'Its event destination (an SNS topic) is what reports delivery, bounces, opens and clicks.',
    }),
  template_name: z.string().trim().min(1).max(255).optional().meta({
    label: 'Default template',
    description:
      'SES template used when a message has no content.template_id. A message may set content.template_id (template name), content.dynamic_data (object, sent as TemplateData) and content.attachments ([{filename, content_base64, content_type}]; not with a template).',
  }),
  endpoint: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2048)
    .optional()
    .meta({
      label: 'Endpoint (advanced)',
      description: 'Defaults to https://email.<region>.amazonaws.com; set for a VPC endpoint or a proxy.',
    }),
  sns_topic_arn: z
    .string()
    .trim()
    .regex(/^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, 'must be an SNS topic ARN')
    .optional()
    .meta({
      label: 'SNS topic ARN',
      description: 'Accept SES events only from this topic (recommended).',
    }),
  sns_certificate_host: z
    .string()
    .trim()
    .toLowerCase()
    .regex(HOST_PATTERN, 'must be a host name; * stands for one label')
    .optional()
    .meta({
      label: 'SNS certificate host (advanced)',
      description:
        'Host that SNS signing certificates (SigningCertURL) and SubscribeURLs must come from, over https. Defaults to sns.<region>.amazonaws.com.',
    }),
  sns_certificate_ca: z.string().trim().regex(PEM_CERTIFICATE, 'must be a PEM certificate').optional().meta({
    label: 'SNS certificate host CA (advanced)',
    kind: 'text',
    description: 'Extra CA to trust for that host’s TLS, for an SNS-compatible service; AWS needs none.',
  }),
  timeout_seconds: z.number().int().min(1).max(60).default(15).meta({ label: 'Timeout (seconds)' }),
});

export type SesConfig = z.output<typeof sesConfigSchema>;

/** The SES API endpoint AWS documents (the China partition has its own domain). */
export function sesEndpoint(config: SesConfig): string {
  if (config.endpoint) return config.endpoint;
  return `https://email.${config.region}.${awsDomain(config.region)}`;
}

export function snsCertificateHost(config: SesConfig): string {
  return config.sns_certificate_host ?? `sns.${config.region}.${awsDomain(config.region)}`;
}

function awsDomain(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
