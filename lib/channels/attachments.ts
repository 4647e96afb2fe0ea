import { buffer } from 'node:stream/consumers';
import pLimit from 'p-limit';
import { z } from 'zod';
import { db } from '../db';
import { AppError } from '../errors';
import { getFileRow } from '../files/service';
import { FileMissingError, type StorageKind, storageFor } from '../files/storage';
import { DeliveryError } from './types';

/**
 * Attachments in a message's `content.attachments`, for the e-mail providers (SMTP, SendGrid, Mailgun, SES):
 * either inline bytes `{filename, content_base64, content_type?}` (set by a caller), or a stored file
 * `{file_id, filename?, content_type?}` (what a workflow's send step puts there; the bytes are loaded from file
 * storage when the message is sent).
 */

const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const MAX_ATTACHMENTS = 20;

const contentType = z.string().regex(MIME_TYPE, 'must be a MIME type such as application/pdf').optional();

// One object with a refinement rather than a union, so a bad field is reported under its own path.
const attachmentSchema = z
  .strictObject({
    file_id: z.uuid().optional(),
    filename: z.string().trim().min(1).max(255).optional(),
    content_base64: z.base64().optional(),
    content_type: contentType,
  })
  .superRefine((a, ctx) => {
    if ((a.file_id === undefined) === (a.content_base64 === undefined))
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of file_id or content_base64' });
    if (a.content_base64 !== undefined && !a.filename)
      ctx.addIssue({ code: 'custom', path: ['filename'], message: 'is required with content_base64' });
  });

export const attachmentsSchema = z.array(attachmentSchema).max(MAX_ATTACHMENTS);
export type AttachmentRef = z.output<typeof attachmentSchema>;

/** An attachment ready to send. */
export interface LoadedAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

/**
 * Attachments are held in memory while their mail is sent (the provider APIs take them inline, SendGrid even
 * as base64 in JSON), so at most two such sends run at once per process; other sends are not held up. With the
 * 20 MiB cap per message (lib/files/references.ts) that bounds what attachments add to a worker's heap.
 */
const attachmentSends = pLimit(2);

/**
 * Loads the attachments and runs `send` with them. Without stored files it runs at once; with them it waits for
 * one of the few slots first. A stored file that no longer exists fails the message for good, naming the file;
 * storage that cannot be read right now (S3 unreachable) is worth a retry.
 */
export async function withAttachments<T>(
  refs: AttachmentRef[],
  request: Record<string, unknown>,
  send: (attachments: LoadedAttachment[]) => Promise<T>,
): Promise<T> {
  if (refs.length === 0) return send([]);
  if (refs.every((ref) => ref.file_id === undefined)) {
    return send(await Promise.all(refs.map((ref) => load(ref, request))));
  }
  return attachmentSends(async () => send(await Promise.all(refs.map((ref) => load(ref, request)))));
}

async function load(ref: AttachmentRef, request: Record<string, unknown>): Promise<LoadedAttachment> {
  if (ref.file_id === undefined) {
    return {
      filename: ref.filename ?? 'attachment',
      content: Buffer.from(ref.content_base64 ?? '', 'base64'),
      ...(ref.content_type ? { contentType: ref.content_type } : {}),
    };
  }
  const gone = () =>
    new DeliveryError(
      `attachment file ${ref.file_id}${ref.filename ? ` (${ref.filename})` : ''} no longer exists`,
      'permanent',
      { request },
    );
  let row: Awaited<ReturnType<typeof getFileRow>>;
  try {
    // The primary, not a replica: a file uploaded a moment ago must not look missing.
    row = await getFileRow(ref.file_id, db());
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw gone();
    throw new DeliveryError(
      `could not look up attachment file ${ref.file_id}: ${(error as Error).message}`,
      'retryable',
      { request },
    );
  }
  try {
    const stream = await storageFor(row.storage as StorageKind).get(row.sha256);
    return {
      filename: ref.filename ?? row.filename,
      content: await buffer(stream),
      contentType: row.contentType,
    };
  } catch (error) {
    if (error instanceof FileMissingError) throw gone();
    throw new DeliveryError(
      `could not read attachment file ${ref.file_id} from ${row.storage} storage: ${(error as Error).message}`,
      'retryable',
      { request },
    );
  }
}

/** The attachments of a message for providers that read nothing else from `content` (SMTP). */
export function attachmentRefs(
  content: Record<string, unknown> | null | undefined,
  request: Record<string, unknown>,
): AttachmentRef[] {
  const parsed = attachmentsSchema.optional().safeParse(content?.attachments);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${['content', 'attachments', ...issue.path].join('.')}: ${issue.message}`,
    );
    throw new DeliveryError(`invalid attachments: ${problems.join('; ')}`, 'permanent', { request });
  }
  return parsed.data ?? [];
}

/** How an attachment is named in the attempt's request summary. */
export function attachmentLabel(ref: AttachmentRef): string {
  return ref.filename ?? `file ${ref.file_id}`;
}
