import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundRequest, ProviderStatusEvent, StatusWebhook } from '../../types';
import type { MailgunConfig } from './config';

/**
 * Mailgun webhooks: one event per POST, `{"signature": {timestamp, token, signature}, "event-data": {…}}`, where
 * signature = hex HMAC-SHA256(webhook signing key, timestamp + token). The signature does not cover the event,
 * so a captured one could carry any event-data: as Mailgun advises, a signature is honoured only while its
 * timestamp is fresh, and each token only once (per process; the window bounds what another process could
 * replay). Subaccount events also carry `parent-signature`, made with the primary account's key; either may match.
 */

const FRESH_MS = 15 * 60_000;
const MAX_TOKENS = 100_000;
const seenTokens = new Map<string, number>();

interface MailgunWebhook {
  signature?: { timestamp?: unknown; token?: unknown; signature?: unknown; 'parent-signature'?: unknown };
  'event-data'?: {
    event?: unknown;
    timestamp?: unknown;
    severity?: unknown;
    reason?: unknown;
    url?: unknown;
    message?: { headers?: { 'message-id'?: unknown } };
    'delivery-status'?: { message?: unknown; description?: unknown };
  };
}

export const mailgunStatusWebhook: StatusWebhook<MailgunConfig> = {
  async verify(request: InboundRequest, config: MailgunConfig): Promise<boolean> {
    if (!config.webhook_signing_key) return false;
    let signature: MailgunWebhook['signature'];
    try {
      signature = (JSON.parse(request.rawBody) as MailgunWebhook).signature;
    } catch {
      return false;
    }
    const { timestamp, token } = signature ?? {};
    if (typeof timestamp !== 'string' || typeof token !== 'string' || !/^\d+$/.test(timestamp)) return false;
    const expected = createHmac('sha256', config.webhook_signing_key)
      .update(timestamp + token)
      .digest();
    const matches = [signature?.signature, signature?.['parent-signature']].some((given) => {
      if (typeof given !== 'string') return false;
      const actual = Buffer.from(given, 'hex');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    });
    if (!matches) return false;
    const now = Date.now();
    if (Math.abs(now - Number(timestamp) * 1000) > FRESH_MS) return false;
    return firstUse(token, now);
  },

  async parse(request: InboundRequest): Promise<ProviderStatusEvent[]> {
    const data = (JSON.parse(request.rawBody) as MailgunWebhook)['event-data'];
    if (!data || typeof data !== 'object') throw new Error('no event-data');
    const id = data.message?.headers?.['message-id'];
    if (typeof id !== 'string' || typeof data.event !== 'string') return [];
    const status = data['delivery-status'];
    const detail = [data.severity, data.reason, status?.message || status?.description, data.url].filter(
      (part): part is string => typeof part === 'string' && part !== '',
    );
    return [
      {
        provider_message_id: id.replace(/^<|>$/g, ''),
        event: data.event,
        effect: effectOf(data.event, data.severity),
        ...(typeof data.timestamp === 'number'
          ? { occurred_at: new Date(Math.round(data.timestamp * 1000)).toISOString() }
          : {}),
        ...(detail.length ? { detail: detail.join(': ') } : {}),
      },
    ];
  },
};

/** Records the token; false if it was already used within the freshness window. */
function firstUse(token: string, now: number): boolean {
  for (const [seen, expires] of seenTokens) {
    if (expires > now && seenTokens.size < MAX_TOKENS) break;
    seenTokens.delete(seen);
  }
  if (seenTokens.has(token)) return false;
  seenTokens.set(token, now + 2 * FRESH_MS);
  return true;
}

/** A permanent failure is Mailgun's bounce; a temporary one will be retried by Mailgun, so it is only noted. */
function effectOf(event: string, severity: unknown): ProviderStatusEvent['effect'] {
  if (event === 'delivered') return 'delivered';
  if (event === 'failed') return severity === 'permanent' ? 'bounced' : 'info';
  if (event === 'rejected') return 'failed';
  if (event === 'opened') return 'opened';
  if (event === 'clicked') return 'clicked';
  return 'info';
}
