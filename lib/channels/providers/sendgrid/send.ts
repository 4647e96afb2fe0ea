import type { MailDataRequired } from '@sendgrid/mail';
import { attachmentLabel, type LoadedAttachment, withAttachments } from '../../attachments';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { budgetMs, sendgridMail } from './client';
import type { SendgridConfig } from './config';
import { emailContent, type Mailbox, mailboxOf, recipients } from './email-content';
import { classifySendgridError } from './errors';

/**
 * Mail Send v3 (POST /v3/mail/send): plain subject/text/html or a dynamic template with its data, plus the
 * channel's categories, reply-to and the message's attachments. Switchboard's message id travels as the custom
 * arg `switchboard_message_id`, which SendGrid echoes in every event. The provider id is the X-Message-Id header,
 * the prefix of `sg_message_id` in those events.
 */
export async function sendSendgrid(
  config: SendgridConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const request: Record<string, unknown> = {
    method: 'POST',
    url: `${config.base_url.replace(/\/+$/, '')}/v3/mail/send`,
    base_url: config.base_url,
    to: message.to,
    subject: message.subject ?? '',
  };
  const to = recipients(message.to, request);
  request.to = to.map((mailbox) => mailbox.address);
  const content = emailContent(message, config.template_id, request);
  if (content.template) {
    if (!content.template.id.startsWith('d-')) {
      throw new DeliveryError(
        `SendGrid template "${content.template.id}" is not a dynamic template (d-…)`,
        'permanent',
        { request },
      );
    }
    request.template_id = content.template.id;
  }
  if (content.attachments.length) request.attachments = content.attachments.map(attachmentLabel);
  const timeoutMs = budgetMs(config, ctx);
  try {
    return await withAttachments(content.attachments, request, async (files) => {
      const mail = await sendgridMail(config, ctx);
      const [response] = await mail.send(mailData(config, message, to, content, files));
      const messageId = headerValue(response.headers, 'x-message-id');
      return {
        providerMessageId: messageId ?? null,
        responseCode: response.statusCode,
        request,
        response: { status: response.statusCode, message_id: messageId ?? null },
      };
    });
  } catch (error) {
    throw classifySendgridError(error, request, timeoutMs);
  }
}

function mailData(
  config: SendgridConfig,
  message: OutgoingMessage,
  to: Mailbox[],
  content: ReturnType<typeof emailContent>,
  files: LoadedAttachment[],
): MailDataRequired {
  const common = {
    from: emailData(mailboxOf(config.from)),
    to: to.map(emailData),
    ...(config.reply_to ? { replyTo: emailData(mailboxOf(config.reply_to)) } : {}),
    ...(config.categories?.length ? { categories: config.categories } : {}),
    ...(files.length
      ? {
          attachments: files.map((file) => ({
            content: file.content.toString('base64'),
            filename: file.filename,
            ...(file.contentType ? { type: file.contentType } : {}),
            disposition: 'attachment',
          })),
        }
      : {}),
    customArgs: { switchboard_message_id: message.id },
    // The SDK otherwise console.warns about quotes in template data and keys that are not "SG.".
    hideWarnings: true,
  };
  if (content.template) {
    return { ...common, templateId: content.template.id, dynamicTemplateData: content.template.data };
  }
  // SendGrid refuses empty content blocks; text/plain goes first, as it requires.
  const blocks: { type: string; value: string }[] = [
    ...(message.body ? [{ type: 'text/plain', value: message.body }] : []),
    ...(message.html ? [{ type: 'text/html', value: message.html }] : []),
  ];
  const [first, ...rest] = blocks;
  if (!first) throw new DeliveryError('the message has neither a text nor an html body', 'permanent');
  return { ...common, subject: message.subject ?? '', content: [first, ...rest] };
}

function emailData(mailbox: Mailbox): { email: string; name?: string } {
  return { email: mailbox.address, ...(mailbox.name ? { name: mailbox.name } : {}) };
}

function headerValue(headers: unknown, name: string): string | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value ? value : undefined;
}
