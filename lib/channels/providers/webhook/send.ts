import { Webhook } from 'standardwebhooks';
import { type OutboundResponse, outboundRequest, redactUrl } from '../../../outbound/http-client';
import { snippet } from '../../../outbound/snippet';
import { alreadyClassified, classifyHttpFailure } from '../../classify-failure';
import { scrub } from '../../secrets';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { encodeWebhookBody } from './body-format';
import type { WebhookConfig } from './config';

const USER_AGENT = 'Switchboard-Webhooks/1';

/** One signer per secret: constructing one decodes the secret, which is not worth doing per message. */
const signers = new Map<string, Webhook>();
function signer(secret: string): Webhook {
  let found = signers.get(secret);
  if (!found) {
    if (signers.size >= 1000) signers.clear();
    found = new Webhook(secret);
    signers.set(secret, found);
  }
  return found;
}

/**
 * POSTs (or PUTs/PATCHes) the rendered body in the channel's body format (json, text, form; `body-format.ts`),
 * signed per Standard Webhooks over the exact bytes sent: `webhook-id` is the message id, so a receiver can drop a
 * retry it already processed.
 */
export async function sendWebhook(
  config: WebhookConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const request = {
    method: config.method,
    url: redactUrl(config.url),
    webhook_id: message.id,
    body_bytes: Buffer.byteLength(message.body),
  };
  let encoded: { body: string; contentType: string };
  try {
    // Channels saved before body formats existed have none stored: they are JSON.
    encoded = encodeWebhookBody(config.body_format ?? 'json', message.body);
  } catch (error) {
    throw new DeliveryError((error as Error).message, 'permanent', { request });
  }
  const { body } = encoded;
  request.body_bytes = Buffer.byteLength(body);
  const timestamp = new Date();
  const authorization = authorizationHeader(config.auth);
  const headers: Record<string, string> = {
    ...config.headers,
    'content-type': encoded.contentType,
    'user-agent': USER_AGENT,
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    // Signed over the exact bytes sent, whatever the body format.
    'webhook-signature': signer(config.signing_secret).sign(message.id, timestamp, body),
    ...(authorization ? { authorization } : {}),
  };
  // A receiver that echoes the request back must not put our credentials into the attempts timeline.
  const hide = authorization ? [authorization, authorization.replace(/^\S+\s+/, '')] : [];
  let response: OutboundResponse;
  try {
    response = await outboundRequest({
      url: config.url,
      method: config.method,
      headers,
      body,
      timeoutMs: Math.min(config.timeout_seconds * 1000, ctx.timeoutMs),
      signal: ctx.signal,
      allowList: ctx.allowList,
    });
  } catch (error) {
    throw alreadyClassified(error, request) ?? error;
  }
  return classifyResponse(scrub(response, hide), request);
}

/** 2xx succeeds; any other status fails as the shared rule says (classify-failure.ts). */
export function classifyResponse(response: OutboundResponse, request: Record<string, unknown>): SendResult {
  const { status } = response;
  const summary = responseSummary(response);
  if (status >= 200 && status < 300) {
    const id = header(response, 'x-request-id') ?? header(response, 'x-message-id') ?? null;
    return { providerMessageId: id, responseCode: status, request, response: summary };
  }
  const said = summary.body ? `: ${summary.body}` : '';
  throw classifyHttpFailure({
    provider: 'receiver',
    status,
    retryAfter: response.headers['retry-after'],
    message: (kind) =>
      kind === 'retryable'
        ? `receiver answered HTTP ${status}${said}`
        : `receiver refused the message with HTTP ${status}${said}`,
    request,
    response: summary,
  });
}

function responseSummary(response: OutboundResponse) {
  const keep = ['content-type', 'retry-after', 'x-request-id', 'x-message-id'];
  return {
    status: response.status,
    url: response.url,
    duration_ms: response.durationMs,
    ...(response.redirects.length ? { redirects: response.redirects } : {}),
    headers: Object.fromEntries(
      keep.flatMap((name) => (response.headers[name] ? [[name, header(response, name)]] : [])),
    ),
    body: snippet(response.body),
  };
}

function header(response: OutboundResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function authorizationHeader(auth: WebhookConfig['auth']): string | undefined {
  if (auth.type === 'basic')
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;
  return undefined;
}
