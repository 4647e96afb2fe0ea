import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { type AttachmentRef, attachmentsSchema } from '../../attachments';
import { DeliveryError, type OutgoingMessage } from '../../types';

/**
 * What the e-mail API providers (SendGrid, Mailgun, SES) read from a rendered message besides subject, text and
 * html. A workflow step puts these keys into the message's `content`:
 *
 * - `template_id`: the provider's own template (SendGrid dynamic template `d-…`, Mailgun template name, SES
 *   template name); when set, the provider renders the mail and `subject` / `body` / `html` are not sent
 *   (Mailgun and SES still take the subject if the template has none).
 * - `dynamic_data`: an object of template variables (SendGrid dynamic_template_data, Mailgun t:variables, SES
 *   TemplateData).
 * - `attachments`: `[{ filename, content_base64, content_type? }]` or stored files `[{ file_id, … }]`, loaded at
 *   send time (lib/channels/attachments.ts).
 *
 * Other keys in `content` belong to other providers and are ignored.
 */

const contentSchema = z.object({
  template_id: z.string().trim().min(1).max(512).optional(),
  dynamic_data: z.record(z.string(), z.unknown()).optional(),
  attachments: attachmentsSchema.optional(),
});

export type EmailAttachment = AttachmentRef;

export interface EmailContent {
  /** Present when the provider's template renders the mail. */
  template?: { id: string; data: Record<string, unknown> };
  attachments: EmailAttachment[];
}

export interface Mailbox {
  name?: string;
  address: string;
}

const email = z.email();

/**
 * The template and attachments of a message. `defaultTemplate` is the channel's own template, used when the
 * message names none. Malformed content is the workflow's fault and fails for good.
 */
export function emailContent(
  message: OutgoingMessage,
  defaultTemplate: string | undefined,
  request: Record<string, unknown>,
): EmailContent {
  const parsed = contentSchema.safeParse(message.content ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${['content', ...issue.path].join('.')}: ${issue.message}`,
    );
    throw new DeliveryError(`invalid e-mail content: ${problems.join('; ')}`, 'permanent', { request });
  }
  const templateId = parsed.data.template_id ?? defaultTemplate;
  return {
    ...(templateId ? { template: { id: templateId, data: parsed.data.dynamic_data ?? {} } } : {}),
    attachments: parsed.data.attachments ?? [],
  };
}

/** The recipients of `message.to` ("Ann <ann@x.test>, bob@y.test"); a missing or invalid one fails for good. */
export function recipients(to: string, request: Record<string, unknown>): Mailbox[] {
  const parsed = parseMailboxes(to);
  if (!parsed) {
    throw new DeliveryError(to ? `invalid recipient address: ${to}` : 'no recipient address', 'permanent', {
      request,
    });
  }
  return parsed;
}

/** One configured mailbox (`from`, `reply_to`); the config schema has already checked it. */
export function mailboxOf(field: string): Mailbox {
  const [first] = parseMailboxes(field) ?? [];
  if (!first) throw new DeliveryError(`invalid address in the channel config: ${field}`, 'permanent');
  return first;
}

function parseMailboxes(field: string): Mailbox[] | undefined {
  const entries = addressparser(field, { flatten: true });
  if (!entries.length || !entries.every((entry) => email.safeParse(entry.address).success)) return undefined;
  return entries.map((entry) => ({ address: entry.address, ...(entry.name ? { name: entry.name } : {}) }));
}
