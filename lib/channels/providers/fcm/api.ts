import { type OutboundResponse, outboundRequest } from '../../outbound-http';
import { DeliveryError, type SendContext } from '../../types';
import { accessToken, forgetAccessToken, loadServiceAccount } from './auth';
import type { FcmConfig } from './config';
import { isUnauthenticated, readFailure } from './errors';

/** The `messages:send` URL of the configured API base (the real one, a proxy, or a test double). */
export function sendUrl(config: FcmConfig): string {
  const projectId = config.project_id ?? loadServiceAccount(config).project_id;
  const base = config.base_url.endsWith('/') ? config.base_url : `${config.base_url}/`;
  return new URL(`v1/projects/${encodeURIComponent(projectId)}/messages:send`, base).toString();
}

/**
 * POSTs `{message, validate_only}` with the service account's access token. A cached token that FCM calls
 * UNAUTHENTICATED (revoked, key rotated) is exchanged once more before the refusal counts.
 */
export async function postMessage(
  config: FcmConfig,
  body: { message: Record<string, unknown>; validate_only?: boolean },
  ctx: SendContext,
): Promise<OutboundResponse> {
  const url = sendUrl(config);
  const payload = JSON.stringify(body);
  for (;;) {
    const token = await accessToken(config, ctx);
    const response = await outboundRequest({
      url,
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.value}`,
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
      },
      body: payload,
      timeoutMs: Math.min(config.timeout_seconds * 1000, ctx.timeoutMs),
      signal: ctx.signal,
      allowList: ctx.allowList,
      maxRedirects: 0,
    });
    if (response.status !== 401 || !isUnauthenticated(readFailure(response))) return response;
    forgetAccessToken(config);
    if (!token.cached) return response;
  }
}

export function messageName(response: OutboundResponse): string | undefined {
  try {
    const name = (JSON.parse(response.body) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

export function notJson(response: OutboundResponse): DeliveryError {
  return new DeliveryError(`FCM answered HTTP ${response.status} without a message name`, 'retryable', {
    responseCode: response.status,
    response: { status: response.status, body: response.body.slice(0, 500) },
  });
}
