import { type Attachment, type EmailContent, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { attachmentLabel, type LoadedAttachment, withAttachments } from '../../attachments';
import { budgetMs } from '../../aws/client-options';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { emailContent, recipients } from '../sendgrid/email-content';
import { sesClient } from './client';
import { type SesConfig, sesEndpoint } from './config';
import { classifySesError } from './errors';

const CHARSET = 'UTF-8';

/**
 * SendEmail (SES API v2): Simple content (subject, text, html) or a stored template with TemplateData, through
 * the channel's configuration set, with the message's attachments. Switchboard's message id travels as the
 * message tag `switchboard_message_id`, which SES echoes in its events; the provider id is SES's MessageId.
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
  request.to = to.map((mailbox) => mailbox.address);
  const content = emailContent(message, config.template_name, request);
  if (content.template) request.template = content.template.id;
  if (content.attachments.length) request.attachments = content.attachments.map(attachmentLabel);
  const timeoutMs = budgetMs(config, ctx);
  try {
    const output = await withAttachments(content.attachments, request, async (files) => {
      const client = await sesClient(config, ctx);
      return client.send(
        new SendEmailCommand({
          FromEmailAddress: config.from,
          Destination: { ToAddresses: to.map((mailbox) => mailbox.address) },
          ...(config.reply_to ? { ReplyToAddresses: [config.reply_to] } : {}),
          Content: emailBody(message, content, files),
          ...(config.configuration_set ? { ConfigurationSetName: config.configuration_set } : {}),
          EmailTags: [{ Name: 'switchboard_message_id', Value: message.id }],
        }),
        { abortSignal: ctx.signal },
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

function emailBody(
  message: OutgoingMessage,
  content: ReturnType<typeof emailContent>,
  files: LoadedAttachment[],
): EmailContent {
  const attachments = files.length ? { Attachments: files.map(attachment) } : {};
  if (content.template) {
    return {
      Template: {
        TemplateName: content.template.id,
        TemplateData: JSON.stringify(content.template.data),
        ...attachments,
      },
    };
  }
  if (!message.body && !message.html) {
    throw new DeliveryError('the message has neither a text nor an html body', 'permanent');
  }
  return {
    Simple: {
      Subject: { Data: message.subject ?? '', Charset: CHARSET },
      Body: {
        ...(message.body ? { Text: { Data: message.body, Charset: CHARSET } } : {}),
        ...(message.html ? { Html: { Data: message.html, Charset: CHARSET } } : {}),
      },
      ...attachments,
    },
  };
}

function attachment(file: LoadedAttachment): Attachment {
  return {
    FileName: file.filename,
    RawContent: file.content,
    ContentDisposition: 'ATTACHMENT',
    ...(file.contentType ? { ContentType: file.contentType } : {}),
  };
}
