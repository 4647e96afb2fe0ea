import apn, { type Notification } from '@parse/node-apn';
import { z } from 'zod';
import { DeliveryError, type OutgoingMessage } from '../../types';
import { type ApnsConfig, apnsConfigSchema } from './config';

/**
 * Per-message settings a workflow may put into `content` (all optional): they override the channel's defaults
 * or add to the `aps` dictionary; `data` becomes custom top-level keys of the payload.
 */
const contentSchema = z.looseObject({
  push_type: apnsConfigSchema.shape.push_type.unwrap().optional(),
  priority: z.union([apnsConfigSchema.shape.priority.unwrap(), z.literal([10, 5, 1])]).optional(),
  collapse_id: apnsConfigSchema.shape.collapse_id,
  expiration_seconds: apnsConfigSchema.shape.expiration_seconds.unwrap().optional(),
  badge: z.number().int().min(0).optional(),
  sound: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  thread_id: z.string().optional(),
  category: z.string().optional(),
  mutable_content: z.boolean().optional(),
  interruption_level: z.enum(['passive', 'active', 'time-sensitive', 'critical']).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

// Pushes of these types go to the bundle id with a suffix (Apple's "Sending notification requests to APNs").
const TOPIC_SUFFIX: Partial<Record<ApnsConfig['push_type'], string>> = {
  voip: '.voip',
  complication: '.complication',
  fileprovider: '.pushkit.fileprovider',
  liveactivity: '.push-type.liveactivity',
  location: '.location-query',
  pushtotalk: '.voip-ptt',
};

/** The device token: hex, 32 bytes for years and longer now; anything else is refused before sending. */
export const DEVICE_TOKEN = /^[0-9a-f]{64,200}$/i;

/**
 * The alert is the rendered subject (title) and body; apns-id is Switchboard's message id, so APNs's answer and
 * the device can both be matched to the message.
 */
export function buildNotification(config: ApnsConfig, message: OutgoingMessage): Notification {
  const parsed = contentSchema.safeParse(message.content ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeliveryError(`invalid APNs content.${issue?.path.join('.')}: ${issue?.message}`, 'permanent');
  }
  const content = parsed.data;
  const pushType = content.push_type ?? config.push_type;
  const background = pushType === 'background';
  const expiration = content.expiration_seconds ?? config.expiration_seconds;
  const note = new apn.Notification();
  note.id = message.id;
  note.topic = `${config.bundle_id}${TOPIC_SUFFIX[pushType] ?? ''}`;
  note.pushType = pushType;
  // Apple refuses priority 10 for a background push.
  note.priority = background ? 5 : Number(content.priority ?? config.priority);
  note.expiry = expiration === 0 ? 0 : Math.floor(Date.now() / 1000) + expiration;
  const collapseId = content.collapse_id ?? config.collapse_id;
  if (collapseId) note.collapseId = collapseId;
  if (background) note.contentAvailable = true;
  else note.alert = { ...(message.subject ? { title: message.subject } : {}), body: message.body };
  if (content.badge !== undefined) note.badge = content.badge;
  if (content.sound !== undefined) note.sound = content.sound as Notification['sound'];
  if (content.thread_id) note.threadId = content.thread_id;
  // Typed on `aps` only (node-apn's typings lack these setters).
  if (content.category) note.aps.category = content.category;
  if (content.mutable_content) note.mutableContent = true;
  if (content.interruption_level) note.aps['interruption-level'] = content.interruption_level;
  if (content.data) note.payload = content.data;
  return note;
}
