import { redactUrl } from '../../../outbound/http-client';
import { recipientE164 } from '../../phone';
import type { OutgoingMessage, SendContext, SendResult } from '../../types';
import { accountUrl, twilioClient } from './client';
import type { TwilioConfig } from './config';
import { classifyTwilioError } from './errors';

/** Creates a Message resource (POST /2010-04-01/Accounts/{Sid}/Messages.json); its SID is the provider id. */
export async function sendTwilio(
  config: TwilioConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const request = {
    method: 'POST',
    url: redactUrl(`${accountUrl(config)}/Messages.json`),
    to: message.to,
    ...(config.from ? { from: config.from } : {}),
    ...(config.messaging_service_sid ? { messaging_service_sid: config.messaging_service_sid } : {}),
    body_chars: message.body.length,
  };
  const to = recipientE164(message.to, request);
  request.to = to;
  const { client, http } = twilioClient(config, ctx);
  try {
    const sent = await client.messages.create({
      to,
      body: message.body,
      ...(config.from ? { from: config.from } : {}),
      ...(config.messaging_service_sid ? { messagingServiceSid: config.messaging_service_sid } : {}),
      ...(config.status_callback_url ? { statusCallback: config.status_callback_url } : {}),
    });
    return {
      providerMessageId: sent.sid,
      responseCode: http.lastResponse?.status ?? null,
      request,
      response: {
        status: sent.status,
        sid: sent.sid,
        num_segments: sent.numSegments,
        ...(sent.from ? { from: sent.from } : {}),
      },
    };
  } catch (error) {
    throw classifyTwilioError(error, http, request);
  }
}
