import type { InboundRequest, ProviderStatusEvent, StatusWebhook } from '../../types';
import type { VonageConfig } from './config';
import { signatureMatches } from './signature';

/**
 * A signed receipt older than this is refused. Replaying a genuine receipt only repeats a status, so the window is
 * generous: it must also let through Vonage's own redeliveries of a receipt that was not acknowledged at once.
 */
const MAX_RECEIPT_AGE_SECONDS = 24 * 60 * 60;
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Delivery receipts of the SMS API (https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts):
 * `messageId`, `status` (delivered, expired, failed, rejected, accepted, buffered, unknown), `err-code`,
 * `message-timestamp`, and, with signing enabled on the account, `timestamp`, `nonce` and `sig`. Vonage sends
 * them as a JSON or form POST (per the account's settings) or as a GET query; all three are read.
 */
export const vonageStatusWebhook: StatusWebhook<VonageConfig> = {
  async verify(request, config) {
    // Unsigned receipts carry nothing a forger would not know: without a signature secret none are accepted.
    if (!config.signature_secret) return false;
    const params = receiptParams(request);
    if (!params || !signatureMatches(params, config.signature_secret, config.signature_method)) return false;
    if (params['api-key'] !== undefined && params['api-key'] !== config.api_key) return false;
    const age = Date.now() / 1000 - Number(params.timestamp);
    return Number.isFinite(age) && age <= MAX_RECEIPT_AGE_SECONDS && age >= -MAX_CLOCK_SKEW_SECONDS;
  },
  async parse(request) {
    const params = receiptParams(request);
    const id = params?.messageId;
    const status = params?.status;
    if (!id || !status) return [];
    const errorCode = params['err-code'];
    const occurredAt = messageTimestamp(params['message-timestamp']);
    return [
      {
        provider_message_id: id,
        event: status,
        effect: receiptEffect(status),
        ...(occurredAt ? { occurred_at: occurredAt } : {}),
        ...(errorCode && errorCode !== '0' ? { detail: `Vonage err-code ${errorCode}` } : {}),
      },
    ];
  },
};

export function receiptEffect(status: string): ProviderStatusEvent['effect'] {
  if (status === 'delivered') return 'delivered';
  if (status === 'failed' || status === 'rejected' || status === 'expired') return 'failed';
  return 'info';
}

/** The receipt's parameters as strings (the signature is computed over their text), or undefined if unreadable. */
function receiptParams(request: InboundRequest): Record<string, string> | undefined {
  const params: Record<string, string> = URL.canParse(request.url)
    ? Object.fromEntries(new URL(request.url).searchParams)
    : {};
  const type = request.headers.get('content-type') ?? '';
  if (!request.rawBody.trim()) return params;
  if (type.includes('json')) {
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody);
    } catch {
      return undefined;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    for (const [key, value] of Object.entries(body)) {
      if (value !== null && typeof value !== 'object') params[key] = String(value);
    }
    return params;
  }
  for (const [key, value] of new URLSearchParams(request.rawBody)) params[key] = value;
  return params;
}

/** "2020-01-01 12:00:00" (UTC) → ISO 8601. */
function messageTimestamp(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return undefined;
  return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}
