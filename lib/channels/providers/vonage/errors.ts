import { alreadyClassified, classifyHttpFailure, classifyNetworkFailure } from '../../classify-failure';
import { DeliveryError } from '../../types';

/**
 * SMS API statuses (https://developer.vonage.com/en/messaging/sms/guides/troubleshooting-sms): a non-zero status
 * in an HTTP 200 answer is a refusal. Only throttling (1), an internal error (5) and too many binds (10) are worth
 * retrying; bad credentials (4), a barred number (7), no credit (9), an unauthorised sender (15) or a
 * non-whitelisted destination (29) will fail again until someone changes something.
 */
const STATUS_NAMES: Record<string, string> = {
  '1': 'Throttled',
  '2': 'Missing Parameters',
  '3': 'Invalid Parameters',
  '4': 'Invalid Credentials',
  '5': 'Internal Error',
  '6': 'Invalid Message',
  '7': 'Number Barred',
  '8': 'Partner Account Barred',
  '9': 'Partner Quota Violation',
  '10': 'Too Many Existing Binds',
  '11': 'Account Not Enabled For HTTP',
  '12': 'Message Too Long',
  '14': 'Invalid Signature',
  '15': 'Invalid Sender Address',
  '22': 'Invalid Network Code',
  '23': 'Invalid Callback Url',
  '29': 'Non-Whitelisted Destination',
  '32': 'Signature And API Secret Disallowed',
  '33': 'Number De-activated',
};
const RETRYABLE_STATUSES = new Set(['1', '5', '10']);
const CREDENTIAL_STATUSES = new Set(['4', '8', '14', '32']);

/** One entry of the SDK's (camel-cased) `messages` array. */
export interface VonageMessageEntry {
  status?: string;
  errorText?: string;
  messageId?: string;
  to?: string;
  remainingBalance?: string;
  messagePrice?: string;
  network?: string;
}

export function statusFailure(entry: VonageMessageEntry, request: Record<string, unknown>): DeliveryError {
  const status = String(entry.status ?? '');
  const name = STATUS_NAMES[status] ?? 'Unknown status';
  const text = entry.errorText && entry.errorText !== name ? `: ${entry.errorText}` : '';
  const details = { responseCode: 200, request, response: { status, error_text: entry.errorText ?? name } };
  if (RETRYABLE_STATUSES.has(status))
    return new DeliveryError(
      `Vonage deferred the message (status ${status}, ${name})${text}`,
      'retryable',
      details,
    );
  const what = CREDENTIAL_STATUSES.has(status) ? 'the credentials' : 'the message';
  return new DeliveryError(`Vonage refused ${what} (status ${status}, ${name})${text}`, 'permanent', details);
}

/** What the SDK throws: SMSFailure (non-zero statuses), VetchError (non-2xx), node-fetch errors, or ours. */
interface VonageError extends Error {
  code?: string;
  response?: {
    status?: number;
    headers?: { get(name: string): string | null };
    text?: () => Promise<string>;
    messages?: VonageMessageEntry[];
  };
  getFailedMessages?: () => VonageMessageEntry[];
}

/**
 * Classifies a failed call: a non-zero SMS status as above; HTTP errors from Vonage's gateway (RFC 7807 bodies,
 * `title` and `detail`) and failures without an answer by the shared rule (classify-failure.ts).
 */
export async function classifyVonageError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): Promise<DeliveryError> {
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  const failure = error as VonageError;
  const failed = failure.getFailedMessages?.();
  if (failed?.[0]) return statusFailure(failed[0], request);
  const status = failure.response?.status;
  if (typeof status !== 'number') {
    // node-fetch's AbortError (the SDK's timeout) or FetchError (refused, reset or unresolvable connections).
    return (
      classifyNetworkFailure(error, { provider: 'Vonage', timeoutMs, request }) ??
      new DeliveryError(`Vonage call failed: ${failure.message}`, 'retryable', { request })
    );
  }
  const body = await readBody(failure);
  return classifyHttpFailure({
    provider: 'Vonage',
    status,
    reason: problemText(body) ?? (body || `HTTP ${status}`),
    retryAfter: failure.response?.headers?.get('retry-after'),
    request,
    response: { status, body: body.slice(0, 500) },
  });
}

async function readBody(error: VonageError): Promise<string> {
  try {
    return (await error.response?.text?.()) ?? '';
  } catch {
    return '';
  }
}

/** "Unauthorized: You did not provide correct credentials." from a problem+json body. */
function problemText(body: string): string | undefined {
  try {
    const problem = JSON.parse(body) as { title?: string; detail?: string };
    const parts = [problem.title, problem.detail].filter(Boolean);
    return parts.length ? parts.join(': ') : undefined;
  } catch {
    return undefined;
  }
}
