import { z } from 'zod';
import { DeliveryError, type OutgoingMessage } from '../../types';
import { type WebpushConfig, webpushConfigSchema } from './config';

// 4096 bytes of body (what every push service must accept, RFC 8030 §7.2) less the aes128gcm header (86),
// the authentication tag (16) and the padding delimiter (1).
export const MAX_PAYLOAD_BYTES = 3993;

const options = webpushConfigSchema.shape;
const contentSchema = z.looseObject({
  notification: z.record(z.string(), z.unknown()).optional(),
  data: z.unknown().optional(),
  ttl_seconds: options.ttl_seconds.unwrap().optional(),
  urgency: options.urgency.unwrap().optional(),
  topic: options.topic,
});

export interface PushMessage {
  payload: string;
  ttl: number;
  urgency: WebpushConfig['urgency'];
  topic?: string;
}

/**
 * What the service worker receives (`event.data.json()`): `title` and `body` from the rendered subject and body,
 * the Notification options in `content.notification` (icon, badge, tag…) and `content.data`. `content.ttl_seconds`,
 * `urgency` and `topic` override the channel's for one message.
 */
export function buildPushMessage(config: WebpushConfig, message: OutgoingMessage): PushMessage {
  const parsed = contentSchema.safeParse(message.content ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeliveryError(
      `invalid Web Push content.${issue?.path.join('.')}: ${issue?.message}`,
      'permanent',
    );
  }
  const content = parsed.data;
  const payload = JSON.stringify({
    ...content.notification,
    ...(message.subject ? { title: message.subject } : {}),
    body: message.body,
    ...(content.data !== undefined ? { data: content.data } : {}),
  });
  const bytes = Buffer.byteLength(payload);
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new DeliveryError(
      `the push payload is ${bytes} bytes; push services take at most ${MAX_PAYLOAD_BYTES}`,
      'permanent',
    );
  }
  const topic = content.topic ?? config.topic;
  return {
    payload,
    ttl: content.ttl_seconds ?? config.ttl_seconds,
    urgency: content.urgency ?? config.urgency,
    ...(topic ? { topic } : {}),
  };
}
