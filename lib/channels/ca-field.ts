import { z } from 'zod';

/**
 * An optional CA certificate (PEM) a provider trusts besides the system's roots, for a server behind a private
 * CA; `meta` names the field and says which server. Certificates are still verified, host names included.
 */
export function caCertificateField(meta: { label: string; description: string }) {
  return z
    .string()
    .trim()
    .max(20_000)
    .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, 'must be a PEM certificate')
    .optional()
    .meta({ kind: 'text', ...meta });
}
