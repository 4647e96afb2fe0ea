import webpush from 'web-push';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { pushAgent } from './agent';
import type { WebpushConfig } from './config';
import { classifyPushError } from './errors';
import { buildPushMessage } from './payload';
import { parseSubscription, pushService } from './subscription';

/**
 * Encrypts the payload for the subscription (RFC 8291, aes128gcm), signs a VAPID JWT for the push service's
 * origin (RFC 8292) and POSTs it to the subscription's endpoint. The push service's Location (the message
 * resource, RFC 8030 §5) is the provider message id.
 */
export async function sendWebpush(
  config: WebpushConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const subscription = parseSubscription(message.to);
  const push = buildPushMessage(config, message);
  const request = {
    method: 'POST',
    push_service: pushService(subscription.endpoint),
    ttl: push.ttl,
    urgency: push.urgency,
    ...(push.topic ? { topic: push.topic } : {}),
    payload_bytes: Buffer.byteLength(push.payload),
  };
  const timeoutMs = Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
  const started = performance.now();
  try {
    await assertEndpointAllowed(subscription.endpoint, ctx.allowList);
    const sending = webpush.sendNotification(subscription, push.payload, {
      vapidDetails: {
        subject: config.vapid_subject,
        publicKey: config.vapid_public_key,
        privateKey: config.vapid_private_key,
      },
      TTL: push.ttl,
      urgency: push.urgency,
      ...(push.topic ? { topic: push.topic } : {}),
      contentEncoding: 'aes128gcm',
      agent: pushAgent(ctx.allowList, config.ca),
      // web-push does no retries of its own; its `timeout` is a socket idle timeout.
      timeout: timeoutMs,
    });
    const response = await abortable(sending, ctx.signal, timeoutMs);
    const location = header(response.headers, 'location');
    return {
      providerMessageId: location ?? null,
      responseCode: response.statusCode,
      request,
      response: {
        status: response.statusCode,
        ...(location ? { location } : {}),
        duration_ms: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    throw classifyPushError(error, request, timeoutMs);
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  const timedOut = () =>
    new DeliveryError(
      `the push service did not answer within the time budget (${timeoutMs} ms)`,
      'retryable',
    );
  if (signal.aborted) return Promise.reject(timedOut());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
