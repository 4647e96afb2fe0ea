import {
  type MessageTag,
  SendEmailCommand,
  SendRawEmailCommand,
  SendTemplatedEmailCommand,
} from '@aws-sdk/client-ses';
import { attachmentLabel, withAttachments } from '../../attachments';
import { budgetMs } from '../../aws/client-options';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { emailContent, recipients } from '../sendgrid/email-content';
import { sesClient } from './client';
import { type SesConfig, sesEndpoint } from './config';
import { classifySesError } from './errors';
import { rawMessage } from './raw-message';

const CHARSET = 'UTF-8';
// SendRawEmail's limit: the whole MIME message, attachments base64-encoded in it, at most 10 MB.
const MAX_RAW_BYTES = 10 * 1024 * 1024;

/**
 * SES API v1, one call per mail, through the channel's configuration set: SendEmail for subject, text and html;
 * SendTemplatedEmail for a stored template with TemplateData; SendRawEmail (a MIME message composed here) when
 * there are attachments, which SendEmail cannot carry. Switchboard's message id travels as the message tag
 * `switchboard_message_id`, which SES echoes in its events; the provider id is SES's MessageId.
 */
export async function sendSes(
  config: SesConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const request: Record<string, unknown> = {
    action: 'SendEmail',
    endpoint: sesEndpoint(config),
    region: config.region,
    to: message.to,
    subject: message.subject ?? '',
    ...(config.configuration_set ? { configuration_set: config.configuration_set } : {}),
  };
  const to = recipients(message.to, request);
  const toAddresses = to.map((mailbox) => mailbox.address);
  request.to = toAddresses;
  const content = emailContent(message, config.template_name, request);
  if (content.template) {
    request.action = 'SendTemplatedEmail';
    request.template = content.template.id;
  }
  if (content.attachments.length) {
    request.attachments = content.attachments.map(attachmentLabel);
    if (content.template) {
      throw new DeliveryError(
        'SES cannot attach files to a mail rendered from a stored template (SendTemplatedEmail takes no attachments): send the attachments with a subject and body instead of a template',
        'permanent',
        { request },
      );
    }
    request.action = 'SendRawEmail';
  } else if (!content.template && !message.body && !message.html) {
    throw new DeliveryError('the message has neither a text nor an html body', 'permanent', { request });
  }
  const common = {
    Tags: [{ Name: 'switchboard_message_id', Value: message.id }] satisfies MessageTag[],
    ...(config.configuration_set ? { ConfigurationSetName: config.configuration_set } : {}),
  };
  const replyTo = config.reply_to ? { ReplyToAddresses: [config.reply_to] } : {};
  const timeoutMs = budgetMs(config, ctx);
  try {
    const output = await withAttachments(content.attachments, request, async (files) => {
      const client = await sesClient(config, ctx);
      const options = { abortSignal: ctx.signal };
      if (content.template) {
        return client.send(
          new SendTemplatedEmailCommand({
            Source: config.from,
            Destination: { ToAddresses: toAddresses },
            ...replyTo,
            Template: content.template.id,
            TemplateData: JSON.stringify(content.template.data),
            ...common,
          }),
          options,
        );
      }
      if (files.length) {
        const mime = await rawMessage(config.from, to, config.reply_to, message, files);
        if (mime.length > MAX_RAW_BYTES) {
          throw new DeliveryError(
            `the mail is ${mime.length} bytes with its attachments; SES's v1 API takes at most ${MAX_RAW_BYTES} (10 MB)`,
            'permanent',
            { request },
          );
        }
        return client.send(
          new SendRawEmailCommand({
            Source: config.from,
            Destinations: toAddresses,
            RawMessage: { Data: mime },
            ...common,
          }),
          options,
        );
      }
      return client.send(
        new SendEmailCommand({
          Source: config.from,
          Destination: { ToAddresses: toAddresses },
          ...replyTo,
          Message: {
            Subject: { Data: message.subject ?? '', Charset: CHARSET },
            Body: {
              ...(message.body ? { Text: { Data: message.body, Charset: CHARSET } } : {}),
              ...(message.html ? { Html: { Data: message.html, Charset: CHARSET } } : {}),
            },
          },
          ...common,
        }),
        options,
      );
    });
    return {
      providerMessageId: output.MessageId ?? null,
      responseCode: output.$metadata.httpStatusCode ?? null,
      request,
      response: {
        message_id: output.MessageId ?? null,
        ...(output.$metadata.requestId ? { request_id: output.$metadata.requestId } : {}),
      },
    };
  } catch (error) {
    throw classifySesError(error, request, timeoutMs);
  }
}
