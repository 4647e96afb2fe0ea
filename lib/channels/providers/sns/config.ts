import { z } from 'zod';
import { awsCredentialFields } from '../../aws/config';
import { e164Number } from '../../phone';

export const snsConfigSchema = z.strictObject({
  ...awsCredentialFields({
    region: 'A region where SNS sends SMS, e.g. us-east-1 or eu-west-1.',
    secret: 'Of an IAM user allowed sns:Publish (and sns:GetSMSSandboxAccountStatus for the health check).',
  }),
  sender_id: z
    .string()
    .trim()
    .regex(
      /^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]{0,9}[A-Za-z0-9])?$/,
      'must be 1 to 11 letters, digits or inner hyphens, with at least one letter',
    )
    .optional()
    .meta({
      label: 'Sender ID',
      description: 'Alphanumeric sender ID (AWS.SNS.SMS.SenderID), where the destination country allows one.',
    }),
  origination_number: e164Number.optional().meta({
    label: 'Origination number',
    description: 'A number of this account to send from (AWS.MM.SMS.OriginationNumber).',
  }),
  sms_type: z.enum(['Transactional', 'Promotional']).default('Transactional').meta({
    label: 'SMS type',
    description: 'Transactional is routed for reliability, Promotional for cost (AWS.SNS.SMS.SMSType).',
  }),
  endpoint: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2048)
    .optional()
    .meta({
      label: 'Endpoint (advanced)',
      description: 'Defaults to https://sns.<region>.amazonaws.com; set for a VPC endpoint or a proxy.',
    }),
  timeout_seconds: z.number().int().min(1).max(60).default(15).meta({ label: 'Timeout (seconds)' }),
});

export type SnsConfig = z.output<typeof snsConfigSchema>;

/** The regional endpoint SNS itself documents (the China partition has its own domain). */
export function snsEndpoint(config: SnsConfig): string {
  if (config.endpoint) return config.endpoint;
  const domain = config.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sns.${config.region}.${domain}`;
}
