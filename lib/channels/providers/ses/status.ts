import type { InboundRequest, ProviderStatusEvent, StatusWebhook } from '../../types';
import { type SesConfig, snsCertificateHost } from './config';
import { httpsGet, isTrustedSnsUrl } from './sns-certificate';
import { parseSnsMessage, verifySnsMessage } from './sns-message';

/**
 * SES events arrive through SNS: the configuration set's event destination (or the identity's notifications)
 * publishes to a topic with an HTTPS subscription to /api/v1/hooks/status/<channel id>. Raw message delivery
 * must be off, since the SNS envelope carries the signature.
 */

const EFFECTS: Record<string, ProviderStatusEvent['effect']> = {
  Delivery: 'delivered',
  Bounce: 'bounced',
  Open: 'opened',
  Click: 'clicked',
  Reject: 'failed',
  'Rendering Failure': 'failed',
};

interface SesEvent {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string; timestamp?: string };
  bounce?: {
    bounceType?: string;
    bounceSubType?: string;
    timestamp?: string;
    bouncedRecipients?: { diagnosticCode?: string }[];
  };
  delivery?: { timestamp?: string; smtpResponse?: string };
  open?: { timestamp?: string };
  click?: { timestamp?: string; link?: string };
  reject?: { reason?: string };
  failure?: { errorMessage?: string };
  complaint?: { timestamp?: string; complaintFeedbackType?: string };
  deliveryDelay?: { timestamp?: string; delayType?: string };
}

export const sesStatusWebhook: StatusWebhook<SesConfig> = {
  /** Confirms a verified SubscriptionConfirmation by visiting its SubscribeURL (on the trusted SNS host). */
  async handshake(request: InboundRequest, config: SesConfig): Promise<Response | undefined> {
    const message = parseSnsMessage(request.rawBody);
    if (message?.Type !== 'SubscriptionConfirmation') return undefined;
    // Unverified: let the route refuse it like any forged request.
    if (!(await verifySnsMessage(message, config).catch(() => false))) return undefined;
    const url = message.SubscribeURL;
    if (!url || !isTrustedSnsUrl(url, snsCertificateHost(config))) {
      return Response.json({ error: 'SubscribeURL is not on the trusted SNS host' }, { status: 400 });
    }
    try {
      await httpsGet(url, config.sns_certificate_ca);
    } catch (error) {
      return Response.json(
        { error: `could not confirm the subscription: ${(error as Error).message}` },
        { status: 502 },
      );
    }
    return Response.json({ confirmed: true, topic_arn: message.TopicArn });
  },

  async verify(request: InboundRequest, config: SesConfig): Promise<boolean> {
    const message = parseSnsMessage(request.rawBody);
    if (!message) return false;
    try {
      return await verifySnsMessage(message, config);
    } catch {
      // An unreachable or invalid certificate proves nothing: refuse.
      return false;
    }
  },

  async parse(request: InboundRequest): Promise<ProviderStatusEvent[]> {
    const message = parseSnsMessage(request.rawBody);
    if (!message) throw new Error('not an SNS message');
    if (message.Type !== 'Notification') return [];
    const event = JSON.parse(message.Message) as SesEvent;
    const name = event.eventType ?? event.notificationType;
    const id = event.mail?.messageId;
    if (!name || !id) return [];
    const detail = detailOf(event);
    return [
      {
        provider_message_id: id,
        event: name,
        effect: EFFECTS[name] ?? 'info',
        occurred_at: new Date(occurredAt(event) ?? message.Timestamp).toISOString(),
        ...(detail ? { detail } : {}),
      },
    ];
  },
};

function occurredAt(event: SesEvent): string | undefined {
  return (
    event.delivery?.timestamp ??
    event.bounce?.timestamp ??
    event.open?.timestamp ??
    event.click?.timestamp ??
    event.complaint?.timestamp ??
    event.deliveryDelay?.timestamp
  );
}

function detailOf(event: SesEvent): string | undefined {
  if (event.bounce) {
    const kind = [event.bounce.bounceType, event.bounce.bounceSubType].filter(Boolean).join('/');
    const diagnostic = event.bounce.bouncedRecipients?.find((r) => r.diagnosticCode)?.diagnosticCode;
    return [kind, diagnostic].filter(Boolean).join(': ') || undefined;
  }
  return (
    event.delivery?.smtpResponse ??
    event.click?.link ??
    event.reject?.reason ??
    event.failure?.errorMessage ??
    event.complaint?.complaintFeedbackType ??
    event.deliveryDelay?.delayType
  );
}
