import type { MailgunMessageData } from 'mailgun.js/definitions';
import { attachmentLabel, withAttachments } from '../../attachments';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { emailContent, type Mailbox, recipients } from '../sendgrid/email-content';
import { abortable, budgetMs, mailgunClient } from './client';
import type { MailgunConfig } from './config';
import { classifyMailgunError } from './errors';

/**
 * POST /v3/<domain>/messages (multipart): plain subject/text/html or a stored template with t:variables, the
 * channel's tags and reply-to, and the message's attachments. Switchboard's message id travels as the custom
 * variable `switchboard-message-id`. The provider id is Mailgun's `id` without its angle brackets, as webhook
 * events carry it (event-data.message.headers.message-id).
 */
export async function sendMailgun(
  config: MailgunConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const request: Record<string, unknown> = {
    method: 'POST',
    url: `${config.base_url.replace(/\/+$/, '')}/v3/${config.domain}/messages`,
    base_url: config.base_url,
    to: message.to,
    subject: message.subject ?? '',
  };
  const to = recipients(message.to, request);
  request.to = to.map((mailbox) => mailbox.address);
  const content = emailContent(message, config.template, request);
  if (content.template) request.template = content.template.id;
  if (content.attachments.length) request.attachments = content.attachments.map(attachmentLabel);
  const timeoutMs = budgetMs(config, ctx);
  try {
    const body = content.template
      ? { template: content.template.id, 't:variables': JSON.stringify(content.template.data) }
      : plainContent(message);
    return await withAttachments(content.attachments, request, async (files) => {
      const data: MailgunMessageData = {
        from: config.from,
        // One field per recipient, display names kept ("Ann" <ann@x.test>).
        to: to.map(formatMailbox),
        ...(message.subject ? { subject: message.subject } : {}),
        ...body,
        ...(config.reply_to ? { 'h:Reply-To': config.reply_to } : {}),
        ...(config.tags?.length ? { 'o:tag': config.tags } : {}),
        ...(files.length
          ? {
              attachment: files.map((file) => ({
                data: file.content,
                filename: file.filename,
                ...(file.contentType ? { contentType: file.contentType } : {}),
              })),
            }
          : {}),
        'v:switchboard-message-id': message.id,
      };
      const client = await mailgunClient(config, ctx);
      const result = await abortable(client.messages.create(config.domain, data), ctx.signal, timeoutMs);
      const id = result.id?.replace(/^<|>$/g, '') || null;
      return {
        providerMessageId: id,
        responseCode: result.status,
        request,
        response: { status: result.status, id, message: result.message ?? null },
      };
    });
  } catch (error) {
    throw classifyMailgunError(error, request, timeoutMs);
  }
}

function plainContent(message: OutgoingMessage): { text: string; html?: string } | { html: string } {
  if (message.body) return { text: message.body, ...(message.html ? { html: message.html } : {}) };
  if (message.html) return { html: message.html };
  throw new DeliveryError('the message has neither a text nor an html body', 'permanent');
}

/** One `to` field per recipient, keeping its display name. */
function formatMailbox(mailbox: Mailbox): string {
  return mailbox.name ? `"${mailbox.name.replace(/["\\]/g, '\\$&')}" <${mailbox.address}>` : mailbox.address;
}
