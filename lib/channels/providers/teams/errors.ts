import { type OutboundResponse, redactUrl } from '../../../outbound/http-client';
import { snippet } from '../../../outbound/snippet';
import { alreadyClassified, classifyHttpFailure } from '../../classify-failure';
import { DeliveryError } from '../../types';

const KEEP_HEADERS = [
  'content-type',
  'retry-after',
  'request-id',
  'client-request-id',
  'x-ms-workflow-run-id',
];
// Legacy incoming webhooks answered throttling and failures with HTTP 200 and this text.
const LEGACY_FAILURE = /returned HTTP error (\d{3})/;

/** Status, duration, a few headers and a body snippet; never the URL, which may be the secret itself. */
export function responseSummary(response: OutboundResponse): Record<string, unknown> {
  return {
    status: response.status,
    duration_ms: response.durationMs,
    headers: Object.fromEntries(
      KEEP_HEADERS.flatMap((name) => {
        const value = response.headers[name];
        return value ? [[name, Array.isArray(value) ? value[0] : value]] : [];
      }),
    ),
    body: snippet(response.body),
  };
}

/** The effective status: a legacy webhook's "200, but returned HTTP error 429" counts as the 429. */
export function effectiveStatus(response: OutboundResponse): number {
  const legacy = response.status === 200 ? LEGACY_FAILURE.exec(response.body) : null;
  return legacy ? Number(legacy[1]) : response.status;
}

/**
 * A failed answer from Teams, Graph or the token endpoint, classified by the shared rule (classify-failure.ts:
 * 429 and 5xx retried after Retry-After; 400 bad card, 401/403 credentials or permissions, 404 unknown team or
 * channel fail for good), with the service's own error code and message.
 */
export function teamsFailure(
  service: string,
  response: OutboundResponse,
  request: Record<string, unknown>,
): DeliveryError {
  return classifyHttpFailure({
    provider: service,
    status: effectiveStatus(response),
    reason: errorReason(response.body) || undefined,
    retryAfter: response.headers['retry-after'],
    words: { unavailable: 'answered', refused: 'answered' },
    request,
    response: responseSummary(response),
  });
}

/** Graph and Workflows: {error: {code, message}}; Entra ID: {error, error_description}; else the text. */
function errorReason(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      error?: string | { code?: string; message?: string };
      error_description?: string;
    };
    if (parsed.error && typeof parsed.error === 'object') {
      return [parsed.error.code, parsed.error.message].filter(Boolean).join(': ');
    }
    if (typeof parsed.error === 'string') {
      // The description's first line names the AADSTS code; the rest is trace and correlation ids.
      const description = parsed.error_description?.split(/\r?\n/)[0];
      return description ? `${parsed.error}: ${description}` : parsed.error;
    }
  } catch {
    // Not JSON: the text itself.
  }
  return snippet(body.trim());
}

/**
 * The guarded HTTP client names the URL in timeout and connection errors. A webhook URL's path can be the secret
 * (legacy incoming webhooks), so only its origin may appear.
 */
export function hideUrl(error: unknown, url: string, request: Record<string, unknown>): unknown {
  const classified = alreadyClassified(error, request);
  if (!classified) return error;
  const message = classified.message.split(redactUrl(url)).join(originOf(url));
  if (message === classified.message) return classified;
  return new DeliveryError(message, classified.kind, { ...classified.details, request });
}

export function originOf(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '(invalid URL)';
  }
}
