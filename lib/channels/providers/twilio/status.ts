import twilio from 'twilio';
import type { ProviderStatusEvent, SendContext, StatusPoller, StatusWebhook } from '../../types';
import { twilioClient } from './client';
import type { TwilioConfig } from './config';
import { classifyTwilioError } from './errors';

/**
 * Message statuses (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values): only
 * delivered, undelivered, failed and canceled are final; `read` is a WhatsApp read receipt.
 */
export function statusEffect(status: string): ProviderStatusEvent['effect'] {
  if (status === 'delivered') return 'delivered';
  if (status === 'undelivered' || status === 'failed' || status === 'canceled') return 'failed';
  if (status === 'read') return 'opened';
  return 'info';
}

/** Twilio's status callbacks: form-encoded POSTs signed with X-Twilio-Signature (HMAC-SHA1, the auth token). */
export const twilioStatusWebhook: StatusWebhook<TwilioConfig> = {
  async verify(request, config) {
    const signature = request.headers.get('x-twilio-signature');
    if (!signature || request.method !== 'POST') return false;
    const params = formParams(request.rawBody);
    const account = one(params.AccountSid);
    if (account !== undefined && account !== config.account_sid) return false;
    // Twilio signs the URL it called; behind a proxy that is the configured callback URL, not the one received.
    const urls = [request.url, config.status_callback_url].filter((url): url is string => Boolean(url));
    return urls.some((url) => {
      try {
        return twilio.validateRequest(config.auth_token, signature, url, params);
      } catch {
        return false; // an unparseable URL
      }
    });
  },
  async parse(request) {
    const params = formParams(request.rawBody);
    const sid = one(params.MessageSid) ?? one(params.SmsSid);
    const status = one(params.MessageStatus) ?? one(params.SmsStatus);
    if (!sid || !status) return [];
    const errorCode = one(params.ErrorCode);
    return [
      {
        provider_message_id: sid,
        event: status,
        effect: statusEffect(status),
        ...(errorCode ? { detail: `Twilio error ${errorCode}` } : {}),
      },
    ];
  },
};

/** GET /2010-04-01/Accounts/{Sid}/Messages/{MessageSid}.json; an event only once the status is final. */
export const twilioStatusPoller: StatusPoller<TwilioConfig> = {
  async poll(providerMessageId: string, config: TwilioConfig, ctx: SendContext) {
    const { client, http } = twilioClient(config, ctx);
    try {
      const found = await client.messages(providerMessageId).fetch();
      const effect = statusEffect(found.status);
      if (effect === 'info') return undefined;
      return {
        provider_message_id: found.sid,
        event: found.status,
        effect,
        ...(found.dateUpdated ? { occurred_at: found.dateUpdated.toISOString() } : {}),
        ...(found.errorCode
          ? {
              detail: `Twilio error ${found.errorCode}${found.errorMessage ? `: ${found.errorMessage}` : ''}`,
            }
          : {}),
      };
    } catch (error) {
      throw classifyTwilioError(error, http, { method: 'GET', message_sid: providerMessageId });
    }
  },
};

/** Form fields; a repeated key keeps every value, as the signature covers each of them. */
function formParams(body: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = params[key];
    params[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
