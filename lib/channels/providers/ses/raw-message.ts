import MailComposer from 'nodemailer/lib/mail-composer';
import type { LoadedAttachment } from '../../attachments';
import type { OutgoingMessage } from '../../types';
import type { Mailbox } from '../sendgrid/email-content';

/**
 * The MIME message SendRawEmail takes when a mail has attachments (SendEmail cannot carry any), composed by
 * nodemailer: From, To, Reply-To, Subject, the text and html alternatives, then the files. Nothing is read from
 * disk or fetched: attachments arrive as bytes.
 */
export function rawMessage(
  from: string,
  to: Mailbox[],
  replyTo: string | undefined,
  message: OutgoingMessage,
  files: LoadedAttachment[],
): Promise<Buffer> {
  return new MailComposer({
    from,
    to: to.map((mailbox) => ({ name: mailbox.name ?? '', address: mailbox.address })),
    ...(replyTo ? { replyTo } : {}),
    subject: message.subject ?? '',
    ...(message.body ? { text: message.body } : {}),
    ...(message.html ? { html: message.html } : {}),
    attachments: files.map((file) => ({
      filename: file.filename,
      content: file.content,
      ...(file.contentType ? { contentType: file.contentType } : {}),
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
}
