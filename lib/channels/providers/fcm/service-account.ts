import { z } from 'zod';

const PEM_PRIVATE_KEY = /-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/;

/** The fields of a Google service-account key file (the JSON downloaded from the console) that OAuth needs. */
const serviceAccountSchema = z.looseObject({
  type: z.literal('service_account', { error: 'must be "service_account"' }),
  project_id: z.string().min(1),
  private_key_id: z.string().min(1).optional(),
  private_key: z.string().regex(PEM_PRIVATE_KEY, 'must be a PKCS#8 PEM private key'),
  client_email: z.email(),
});

export type ServiceAccount = z.output<typeof serviceAccountSchema>;

/** Parses the key file; `problem` names the first invalid field without quoting any of it. */
export function parseServiceAccount(
  json: string,
): { ok: true; account: ServiceAccount } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'is not JSON: paste the whole service-account key file' };
  }
  const parsed = serviceAccountSchema.safeParse(raw);
  if (parsed.success) return { ok: true, account: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || 'key file'}: ${issue?.message ?? 'is invalid'}` };
}
