import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { DeliveryError } from './types';

/**
 * Phone numbers for the SMS providers. Recipients are checked against libphonenumber's full metadata before any
 * request: a number the provider would refuse anyway fails at once, without spending an API call (or money).
 */

/**
 * The E.164 form (`+14155552671`) of an international number, or undefined when it is not a valid one. Spaces,
 * dashes and brackets are tolerated; a leading `+` is required, because a national number means nothing
 * without a country and guessing one could text a stranger.
 */
export function toE164(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith('+')) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** The recipient in E.164, or a permanent DeliveryError naming the problem; nothing has been sent then. */
export function recipientE164(to: string, request: Record<string, unknown>): string {
  const e164 = toE164(to);
  if (e164) return e164;
  const reason = !to.trim()
    ? 'no recipient phone number'
    : `invalid recipient phone number "${to}": expected an international number in E.164 form, e.g. +14155552671`;
  throw new DeliveryError(reason, 'permanent', { request });
}

/** A config field holding one phone number, exactly in E.164 form. */
export const e164Number = z
  .string()
  .trim()
  .refine((value) => toE164(value) === value, 'must be a phone number in E.164 form, e.g. +14155552671');

// GSM 03.40 caps an alphanumeric originator at 11 characters; carriers take letters, digits and spaces, and an
// all-digit value would be read as a number.
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const SHORT_CODE = /^\d{3,8}$/;

/** What an SMS can come from: a phone number (E.164), an alphanumeric sender ID, or a short code. */
export const smsSender = z
  .string()
  .trim()
  .refine(
    (value) => toE164(value) === value || ALPHANUMERIC_SENDER.test(value) || SHORT_CODE.test(value),
    'must be a phone number in E.164 form (+14155552671), an alphanumeric sender ID (up to 11 letters, digits or spaces) or a short code',
  );

export function isAlphanumericSender(value: string): boolean {
  return ALPHANUMERIC_SENDER.test(value);
}
