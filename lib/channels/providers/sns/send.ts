import { type MessageAttributeValue, PublishCommand } from '@aws-sdk/client-sns';
import { budgetMs } from '../../aws/client-options';
import { recipientE164 } from '../../phone';
import type { OutgoingMessage, SendContext, SendResult } from '../../types';
import { snsClient } from './client';
import { type SnsConfig, snsEndpoint } from './config';
import { classifySnsError } from './errors';

/** Publishes straight to a phone number (Publish with PhoneNumber, no topic); the MessageId is the provider id. */
export async function sendSns(
  config: SnsConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const request = {
    action: 'Publish',
    endpoint: snsEndpoint(config),
    region: config.region,
    phone_number: message.to,
    sms_type: config.sms_type,
    ...(config.sender_id ? { sender_id: config.sender_id } : {}),
    ...(config.origination_number ? { origination_number: config.origination_number } : {}),
    body_chars: message.body.length,
  };
  const phoneNumber = recipientE164(message.to, request);
  request.phone_number = phoneNumber;
  const timeoutMs = budgetMs(config, ctx);
  try {
    const client = await snsClient(config, ctx);
    const output = await client.send(
      new PublishCommand({
        PhoneNumber: phoneNumber,
        Message: message.body,
        MessageAttributes: attributes(config),
      }),
      { abortSignal: ctx.signal },
    );
    return {
      providerMessageId: output.MessageId ?? null,
      responseCode: output.$metadata.httpStatusCode ?? null,
      request,
      response: {
        message_id: output.MessageId,
        ...(output.$metadata.requestId ? { request_id: output.$metadata.requestId } : {}),
      },
    };
  } catch (error) {
    throw classifySnsError(error, request, timeoutMs);
  }
}

/** The per-message SMS settings SNS reads from reserved message attributes. */
function attributes(config: SnsConfig): Record<string, MessageAttributeValue> {
  const string = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  return {
    'AWS.SNS.SMS.SMSType': string(config.sms_type),
    ...(config.sender_id ? { 'AWS.SNS.SMS.SenderID': string(config.sender_id) } : {}),
    ...(config.origination_number
      ? { 'AWS.MM.SMS.OriginationNumber': string(config.origination_number) }
      : {}),
  };
}
