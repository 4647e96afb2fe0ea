import type { Vonage } from '@vonage/server-sdk';
import { redactUrl } from '../../../outbound/http-client';
import { recipientE164 } from '../../phone';
import type { OutgoingMessage, SendContext, SendResult } from '../../types';
import { abortable, budgetMs, restHost, timeoutError, vonageClient } from './client';
import type { VonageConfig } from './config';
import { classifyVonageError, statusFailure, type VonageMessageEntry } from './errors';
import { isGsm7 } from './gsm';

type SmsParams = NonNullable<Parameters<Vonage['sms']['send']>[0]>;

/**
 * POST {rest_host}/sms/json. The SMS API wants numbers without the "+", and answers HTTP 200 even when it refuses
 * the message, with a non-zero `status` per part. A long text is split into parts, each with its own id; the
 * first part's id is the provider id. `client-ref` carries Switchboard's message id into delivery receipts.
 */
export async function sendVonage(
  config: VonageConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const unicode = !isGsm7(message.body);
  const request = {
    method: 'POST',
    url: redactUrl(`${restHost(config)}/sms/json`),
    to: message.to,
    from: config.from,
    type: unicode ? 'unicode' : 'text',
    body_chars: message.body.length,
  };
  const to = recipientE164(message.to, request);
  request.to = to;
  const timeoutMs = budgetMs(config, ctx);
  const params = {
    to: to.slice(1),
    from: config.from.replace(/^\+/, ''),
    text: message.body,
    clientRef: message.id,
    ...(unicode ? { type: 'unicode' as SmsParams['type'] } : {}),
    ...(config.status_callback_url ? { callback: config.status_callback_url } : {}),
  } satisfies SmsParams;
  try {
    const vonage = await vonageClient(config, ctx);
    const sent = await abortable(vonage.sms.send(params), ctx.signal, () => timeoutError(timeoutMs));
    const parts = (sent.messages ?? []) as VonageMessageEntry[];
    const [first] = parts;
    // The SDK throws for refused parts; an empty list would be a broken answer, not a delivery.
    if (!first?.messageId) {
      throw statusFailure(first ?? { status: '5', errorText: 'no message in the answer' }, request);
    }
    return {
      providerMessageId: first.messageId,
      responseCode: 200,
      request,
      response: {
        message_count: parts.length,
        message_ids: parts.map((part) => part.messageId),
        ...(first.network ? { network: first.network } : {}),
        ...(first.messagePrice ? { message_price: first.messagePrice } : {}),
      },
    };
  } catch (error) {
    throw await classifyVonageError(error, request, timeoutMs);
  }
}
