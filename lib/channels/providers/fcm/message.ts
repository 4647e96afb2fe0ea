import { DeliveryError, type OutgoingMessage } from '../../types';
import type { FcmConfig } from './config';

/**
 * Builds the message firebase-admin sends (the `message` of an FCM HTTP v1 `messages:send` request). The recipient names the target: a registration
 * token as it is, `topic:<name>` (or the legacy `/topics/<name>`) for a topic, `condition:<expression>` for a
 * condition such as `'news' in topics && 'sport' in topics`.
 */

export type FcmTarget = { token: string } | { topic: string } | { condition: string };

const TOPIC = /^[a-zA-Z0-9-_.~%]{1,900}$/;
const SECTIONS = ['android', 'apns', 'webpush'] as const;

export function parseTarget(to: string): FcmTarget {
  const value = to.trim();
  const topic = value.startsWith('topic:')
    ? value.slice('topic:'.length)
    : value.startsWith('/topics/')
      ? value.slice('/topics/'.length)
      : undefined;
  if (topic !== undefined) {
    if (!TOPIC.test(topic)) throw new DeliveryError(`invalid FCM topic name "${topic}"`, 'permanent');
    return { topic };
  }
  if (value.startsWith('condition:')) {
    const condition = value.slice('condition:'.length).trim();
    if (!condition) throw new DeliveryError('empty FCM condition', 'permanent');
    return { condition };
  }
  if (!value || /\s/.test(value)) {
    throw new DeliveryError(
      value ? 'invalid FCM registration token' : 'no FCM registration token',
      'permanent',
    );
  }
  return { token: value };
}

export function targetKind(target: FcmTarget): 'token' | 'topic' | 'condition' {
  return 'token' in target ? 'token' : 'topic' in target ? 'topic' : 'condition';
}

/**
 * title/body come from the rendered subject/body; `content.data` becomes the data payload (FCM only takes string
 * values, so other values are sent as JSON); `content.image` the notification image; `content.android|apns|
 * webpush` are merged over the channel's sections of the same name.
 */
export function buildMessage(
  config: FcmConfig,
  message: OutgoingMessage,
  target: FcmTarget,
): Record<string, unknown> {
  const content = message.content ?? {};
  const notification = {
    ...(message.subject ? { title: message.subject } : {}),
    ...(message.body ? { body: message.body } : {}),
    ...(typeof content.image === 'string' ? { image: content.image } : {}),
  };
  const data = objectOf(content.data, 'data');
  const built: Record<string, unknown> = { ...target };
  if (Object.keys(notification).length) built.notification = notification;
  if (data && Object.keys(data).length) {
    built.data = Object.fromEntries(
      Object.entries(data).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]),
    );
  }
  for (const name of SECTIONS) {
    const merged = { ...config[name], ...objectOf(content[name], name) };
    if (Object.keys(merged).length) built[name] = merged;
  }
  const android = built.android as Record<string, unknown> | undefined;
  if (typeof android?.ttl === 'string') android.ttl = ttlMillis(android.ttl);
  return built;
}

/**
 * The sections are written as FCM's REST API documents them, and the Admin SDK passes them on as they are, with
 * one exception: it takes `android.ttl` in milliseconds (and writes it back as the REST duration), where REST
 * has a duration such as "3600s" or "3.5s". A string that is not a duration is left for the SDK to refuse.
 */
function ttlMillis(duration: string): number | string {
  const match = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(duration.trim());
  if (!match) return duration;
  const fraction = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  return Number(match[1]) * 1000 + Number(fraction);
}

function objectOf(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DeliveryError(`content.${name} must be an object`, 'permanent');
  }
  return value as Record<string, unknown>;
}
