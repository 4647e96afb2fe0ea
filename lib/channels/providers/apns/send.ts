import type { Notification, ResponseFailure, ResponseSent, Responses } from '@parse/node-apn';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { pooledProvider } from './client';
import { type ApnsConfig, gateway } from './config';
import { classifyApnsFailure } from './errors';
import { buildNotification, DEVICE_TOKEN } from './notification';

/** Sends one notification over the channel's HTTP/2 connection; the apns-id APNs confirms is the message id. */
export async function sendApns(
  config: ApnsConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const token = message.to.trim();
  const note = buildNotification(config, message);
  const request = {
    gateway: gateway(config).url,
    device: token,
    topic: note.topic,
    push_type: note.pushType,
    priority: note.priority,
    apns_id: note.id,
    payload_bytes: Buffer.byteLength(JSON.stringify(note)),
  };
  if (!DEVICE_TOKEN.test(token)) {
    throw new DeliveryError(
      token ? `invalid APNs device token "${token}": expected hex` : 'no APNs device token',
      'permanent',
      { request },
    );
  }
  const started = performance.now();
  const result = await push(config, note, token, ctx, request);
  const sent = result.sent[0] as
    | (ResponseSent & { 'apns-id'?: string; 'apns-unique-id'?: string })
    | undefined;
  if (!sent) {
    const failure = result.failed[0] ?? { device: token, error: new Error('node-apn reported no result') };
    throw classifyApnsFailure(failure, request, config.timeout_seconds * 1000);
  }
  const apnsId = sent['apns-id'] ?? note.id;
  return {
    providerMessageId: apnsId,
    responseCode: 200,
    request,
    response: {
      status: 200,
      apns_id: apnsId,
      ...(sent['apns-unique-id'] ? { apns_unique_id: sent['apns-unique-id'] } : {}),
      duration_ms: Math.round(performance.now() - started),
    },
  };
}

/**
 * node-apn cannot cancel a request, so when the attempt's budget runs out first the attempt is reported as a
 * retryable timeout (the stream is cancelled by node-apn's own request timeout); the apns-id makes a late
 * duplicate recognisable.
 */
export async function push(
  config: ApnsConfig,
  note: Notification,
  token: string,
  ctx: SendContext,
  request: Record<string, unknown>,
): Promise<Responses<ResponseSent, ResponseFailure>> {
  await assertEndpointAllowed(gateway(config).url, ctx.allowList);
  const sending = pooledProvider(config, ctx).send(note, token);
  if (ctx.signal.aborted) throw timeout(ctx, request);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(timeout(ctx, request));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    sending.then(resolve, reject).finally(() => ctx.signal.removeEventListener('abort', onAbort));
  });
}

function timeout(ctx: SendContext, request: Record<string, unknown>): DeliveryError {
  return new DeliveryError(`APNs did not answer within the time budget (${ctx.timeoutMs} ms)`, 'retryable', {
    request,
  });
}
