import type { Message } from 'firebase-admin/messaging';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { loadServiceAccount } from './client';
import { FCM_HOST, type FcmConfig } from './config';
import { invokeFcm } from './invoke';
import { buildMessage, parseTarget, targetKind } from './message';

/**
 * Sends one message with firebase-admin (FCM HTTP v1); the message name FCM returns is the provider message id.
 * `messaging.send` goes out over HTTP/1.1 on the app's agent (guard, proxy, budget); `sendEach` would use HTTP/2
 * sessions of its own, which take no agent, and the engine sends message by message anyway.
 */
export async function sendFcm(
  config: FcmConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const target = parseTarget(message.to);
  const projectId = config.project_id ?? loadServiceAccount(config).project_id;
  const request = {
    method: 'POST',
    url: `https://${FCM_HOST}/v1/projects/${encodeURIComponent(projectId)}/messages:send`,
    target: targetKind(target),
    to: message.to,
    ...(config.proxy_url ? { proxy: new URL(config.proxy_url).origin } : {}),
  };
  const started = performance.now();
  try {
    const built = buildMessage(config, message, target) as unknown as Message;
    const name = await invokeFcm(config, ctx, target, (messaging) => messaging.send(built));
    if (!name) throw new DeliveryError('FCM answered without a message name', 'retryable');
    return {
      providerMessageId: name,
      responseCode: 200,
      request,
      response: { status: 200, name, duration_ms: Math.round(performance.now() - started) },
    };
  } catch (error) {
    if (error instanceof DeliveryError) error.details.request ??= request;
    throw error;
  }
}
