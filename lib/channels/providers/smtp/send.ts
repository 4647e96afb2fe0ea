import { attachmentLabel, attachmentRefs, withAttachments } from '../../attachments';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from '../../types';
import { domainOf, parseAddresses } from './addresses';
import type { SmtpConfig } from './config';
import { classifySmtpError } from './errors';
import { pooledTransport } from './transports';

/**
 * Sends one mail over the channel's pooled connection. The Message-ID is derived from Switchboard's message id,
 * so a retried message is recognisably the same mail.
 */
export async function sendSmtp(
  config: SmtpConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const to = parseAddresses(message.to);
  const messageId = `<${message.id}@${domainOf(config.from)}>`;
  const request = {
    host: config.host,
    port: config.port,
    to: to ?? message.to,
    subject: message.subject ?? '',
    message_id: messageId,
  };
  if (!to) {
    throw new DeliveryError(
      message.to ? `invalid recipient address: ${message.to}` : 'no recipient address',
      'permanent',
      { request },
    );
  }
  const refs = attachmentRefs(message.content, request);
  if (refs.length) Object.assign(request, { attachments: refs.map(attachmentLabel) });
  try {
    const info = await withAttachments(refs, request, (files) =>
      abortable(
        pooledTransport(config, ctx).sendMail({
          from: config.from,
          to,
          ...(config.reply_to ? { replyTo: config.reply_to } : {}),
          subject: message.subject ?? '',
          text: message.body,
          ...(message.html ? { html: message.html } : {}),
          messageId,
          ...(files.length
            ? {
                attachments: files.map((file) => ({
                  filename: file.filename,
                  content: file.content,
                  ...(file.contentType ? { contentType: file.contentType } : {}),
                })),
              }
            : {}),
        }),
        ctx.signal,
      ),
    );
    return {
      providerMessageId: info.messageId,
      responseCode: Number.parseInt(info.response, 10) || null,
      request,
      response: {
        reply: info.response,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
      },
    };
  } catch (error) {
    throw classifySmtpError(error, request);
  }
}

/**
 * nodemailer cannot cancel a pooled send, so when the attempt's budget runs out the attempt is reported as a
 * retryable timeout; if the mail still goes out, its Message-ID lets the duplicate be recognised.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(timeoutError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timeoutError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function timeoutError(): DeliveryError {
  return new DeliveryError('the SMTP server did not finish within the time budget', 'retryable');
}
