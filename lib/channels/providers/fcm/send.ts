import { redactUrl } from '../../outbound-http';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { messageName, notJson, postMessage, sendUrl } from './api';
import type { FcmConfig } from './config';
import { classifyFailure, readFailure } from './errors';
import { buildMessage, parseTarget, targetKind } from './message';

/** Sends one message with FCM HTTP v1; the message name FCM returns is the provider message id. */
export async function sendFcm(
  config: FcmConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const target = parseTarget(message.to);
  const request = {
    method: 'POST',
    url: redactUrl(sendUrl(config)),
    target: targetKind(target),
    to: message.to,
  };
  try {
    const response = await postMessage(config, { message: buildMessage(config, message, target) }, ctx);
    if (response.status !== 200) throw classifyFailure(readFailure(response), response, target, request);
    const name = messageName(response);
    if (!name) throw notJson(response);
    return {
      providerMessageId: name,
      responseCode: response.status,
      request,
      response: { status: response.status, name, duration_ms: response.durationMs },
    };
  } catch (error) {
    if (error instanceof DeliveryError) error.details.request ??= request;
    throw error;
  }
}
