import type { PushSubscription } from 'web-push';
import { z } from 'zod';
import { DeliveryError } from '../../types';

const key = (bytes: (length: number) => boolean, message: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .refine((value) => bytes(Buffer.from(value, 'base64url').length), message);

// What a browser's PushSubscription.toJSON() gives (expirationTime is ignored).
const subscriptionSchema = z.looseObject({
  endpoint: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).max(2048),
  keys: z.looseObject({
    p256dh: key((n) => n === 65, 'must be a 65-byte P-256 public key'),
    auth: key((n) => n === 16, 'must be a 16-byte secret'),
  }),
});

/** The recipient of a Web Push message: the subscription JSON the browser handed to the web app. */
export function parseSubscription(to: string): PushSubscription {
  let raw: unknown;
  try {
    raw = JSON.parse(to);
  } catch {
    throw new DeliveryError(
      to.trim()
        ? 'the recipient is not a push subscription: expected {"endpoint", "keys": {"p256dh", "auth"}}'
        : 'no push subscription',
      'permanent',
    );
  }
  const parsed = subscriptionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeliveryError(
      `invalid push subscription: ${issue?.path.join('.') || 'value'} ${issue?.message}`,
      'permanent',
    );
  }
  const { endpoint, keys } = parsed.data;
  return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

/** The push service's origin: shown instead of the endpoint, whose path is the subscription's capability. */
export function pushService(endpoint: string): string {
  return new URL(endpoint).origin;
}
