import { z } from 'zod';

/** The credential fields every AWS provider has; each provider says what the region and key are for. */
export function awsCredentialFields(purpose: { region: string; secret: string }) {
  return {
    region: z
      .string()
      .trim()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as us-east-1')
      .meta({ label: 'AWS region', description: purpose.region }),
    access_key_id: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{16,128}$/, 'must be an AWS access key ID (AKIA…)')
      .meta({ label: 'Access key ID' }),
    secret_access_key: z.string().trim().min(16).max(256).meta({
      secret: true,
      label: 'Secret access key',
      description: purpose.secret,
    }),
  };
}
