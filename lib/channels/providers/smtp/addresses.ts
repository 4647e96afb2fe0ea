import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';

const email = z.email();

/** The plain addresses in an address field ("Ann <ann@x.test>, bob@y.test"); undefined if any is invalid. */
export function parseAddresses(field: string): string[] | undefined {
  const addresses = addressparser(field, { flatten: true }).map((entry) => entry.address);
  if (!addresses.length || !addresses.every((address) => email.safeParse(address).success)) return undefined;
  return addresses;
}

/** Exactly one mailbox ("Switchboard <noreply@example.com>" or a bare address). */
export const mailbox = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .refine(
    (value) => parseAddresses(value)?.length === 1,
    'must be one e-mail address, e.g. "Name <name@example.com>"',
  );

export function domainOf(field: string): string {
  return parseAddresses(field)?.[0]?.split('@')[1] ?? 'switchboard.invalid';
}
