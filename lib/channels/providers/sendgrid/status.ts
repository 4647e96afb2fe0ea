import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
import type { InboundRequest, ProviderStatusEvent, StatusWebhook } from '../../types';
import type { SendgridConfig } from './config';

/**
 * SendGrid's signed Event Webhook: a JSON array of events, signed with ECDSA P-256 over timestamp + raw body
 * (headers X-Twilio-Email-Event-Webhook-Signature / -Timestamp), checked with the channel's verification key.
 */

const EFFECTS: Record<string, ProviderStatusEvent['effect']> = {
  delivered: 'delivered',
  bounce: 'bounced',
  dropped: 'bounced',
  open: 'opened',
  click: 'clicked',
};

interface SendgridEvent {
  event?: unknown;
  sg_message_id?: unknown;
  timestamp?: unknown;
  reason?: unknown;
  response?: unknown;
  type?: unknown;
  url?: unknown;
}

export const sendgridStatusWebhook: StatusWebhook<SendgridConfig> = {
  async verify(request: InboundRequest, config: SendgridConfig): Promise<boolean> {
    const key = config.event_webhook_public_key;
    const signature = request.headers.get(EventWebhookHeader.SIGNATURE());
    const timestamp = request.headers.get(EventWebhookHeader.TIMESTAMP());
    if (!key || !signature || !timestamp) return false;
    try {
      const webhook = new EventWebhook();
      return webhook.verifySignature(
        webhook.convertPublicKeyToECDSA(key),
        request.rawBody,
        signature,
        timestamp,
      );
    } catch {
      // A malformed signature or key is a failed verification, not a server error.
      return false;
    }
  },

  async parse(request: InboundRequest): Promise<ProviderStatusEvent[]> {
    const events = JSON.parse(request.rawBody) as unknown;
    if (!Array.isArray(events)) throw new Error('expected a JSON array of events');
    return (events as SendgridEvent[]).flatMap((event) => {
      const id = typeof event.sg_message_id === 'string' ? messageIdOf(event.sg_message_id) : undefined;
      if (!id || typeof event.event !== 'string') return [];
      const detail = [event.type, event.reason ?? event.response, event.url].filter(
        (part): part is string => typeof part === 'string' && part !== '',
      );
      return [
        {
          provider_message_id: id,
          event: event.event,
          effect: EFFECTS[event.event] ?? 'info',
          ...(typeof event.timestamp === 'number'
            ? { occurred_at: new Date(event.timestamp * 1000).toISOString() }
            : {}),
          ...(detail.length ? { detail: detail.join(': ') } : {}),
        },
      ];
    });
  },
};

/** `sg_message_id` is the X-Message-Id returned by Mail Send followed by ".filter…" routing suffixes. */
function messageIdOf(sgMessageId: string): string | undefined {
  return sgMessageId.split('.')[0] || undefined;
}
