import { inArray } from 'drizzle-orm';
import { type Db, schema, type Tx } from '../db';
import { AppError, type FieldError } from '../errors';
import type { Step } from '../workflows/steps';

/**
 * What one message may carry in attachments: below the e-mail APIs' own limits once base64-encoded (Mailgun
 * 25 MB, SendGrid 30 MB, SES 40 MB), and bounded so a worker holding a few such mails stays within its heap.
 */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * Send steps name files in JSONB, where no foreign key can check them. When a workflow is saved every
 * `attachments[j].file_id` must name an existing file (422 naming `steps.i.attachments.j.file_id`), and each
 * attachment gets the file's name and content type, so the planner can put them on messages without a query.
 * Call it in the transaction that writes the workflow.
 */
export async function withAttachmentDetails(
  steps: Step[],
  database: Db | Tx,
  root = 'steps',
): Promise<Step[]> {
  const refs = steps.flatMap((step, i) =>
    step.type === 'send' && step.attachments
      ? step.attachments.map((a, j) => ({ path: `${root}.${i}.attachments.${j}.file_id`, id: a.file_id }))
      : [],
  );
  if (refs.length === 0) return steps;
  const ids = [...new Set(refs.map((ref) => ref.id))];
  const rows = await database
    .select({
      id: schema.files.id,
      filename: schema.files.filename,
      contentType: schema.files.contentType,
      size: schema.files.size,
    })
    .from(schema.files)
    .where(inArray(schema.files.id, ids))
    // Held until the workflow commits: a concurrent delete of the file (FOR UPDATE) waits, then sees the
    // workflow that attaches it and refuses.
    .for('share');
  const byId = new Map(rows.map((row) => [row.id, row]));
  const errors: FieldError[] = refs
    .filter((ref) => !byId.has(ref.id))
    .map((ref) => ({ path: ref.path, message: `no file with id ${ref.id}` }));
  for (const [i, step] of steps.entries()) {
    if (step.type !== 'send' || !step.attachments) continue;
    const total = step.attachments.reduce((sum, a) => sum + (byId.get(a.file_id)?.size ?? 0), 0);
    if (total > MAX_ATTACHMENT_BYTES) {
      errors.push({
        path: `${root}.${i}.attachments`,
        message: `the attached files total ${total} bytes; a message may carry at most ${MAX_ATTACHMENT_BYTES} (20 MiB)`,
      });
    }
  }
  if (errors.length)
    throw new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  return steps.map((step) =>
    step.type === 'send' && step.attachments
      ? {
          ...step,
          attachments: step.attachments.map((a) => {
            const file = byId.get(a.file_id)!;
            return { file_id: a.file_id, filename: file.filename, content_type: file.contentType };
          }),
        }
      : step,
  );
}
