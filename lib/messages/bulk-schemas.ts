import { z } from 'zod';

/** Dead-letter work (re-drive, discard) applies to messages in these statuses only. */
export const BULK_STATUSES = ['dead', 'failed'] as const;
export const MAX_BULK_IDS = 1000;
export const MAX_BULK_LIMIT = 10_000;

const FILTER_FIELDS = ['status', 'channel_id', 'workflow_id', 'from', 'to', 'q', 'limit'] as const;

/**
 * Which messages a bulk action takes: explicit `ids` (the rows an operator ticked), or a filter (every message
 * matching it, oldest first, up to `limit`), never both. The `reason` is kept in the audit log.
 */
function bulkSelection(reasonRequired: boolean) {
  const reason = z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(500)
    .describe('why; kept in the audit log');
  return z
    .strictObject({
      ids: z
        .array(z.uuid('must be a message id (UUID)'))
        .min(1)
        .max(MAX_BULK_IDS)
        .optional()
        .describe(
          `these messages (at most ${MAX_BULK_IDS}); dead or failed ones are acted on, others skipped`,
        ),
      status: z
        .array(z.enum(BULK_STATUSES))
        .min(1)
        .optional()
        .describe('with a filter: which statuses it takes; default `["dead"]`'),
      channel_id: z.uuid().optional(),
      workflow_id: z.uuid().optional(),
      from: z.iso.datetime({ offset: true }).optional().describe('created at or after'),
      to: z.iso.datetime({ offset: true }).optional().describe('created before'),
      q: z.string().trim().min(1).max(200).optional().describe('full-text search, as in the list'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(MAX_BULK_LIMIT)
        .optional()
        .describe('with a filter: at most this many, oldest first; default 1000'),
      reason: reasonRequired ? reason : reason.optional(),
    })
    .superRefine((body, ctx) => {
      if (!body.ids) return;
      for (const field of FILTER_FIELDS) {
        if (body[field] === undefined) continue;
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'give either `ids` or filter fields, not both',
        });
      }
    });
}

/** POST /messages/redrive: a reason is optional, so bodies from before ids and reasons still work. */
export const redriveSchema = bulkSelection(false);
/** POST /messages/discard: discarding is final, so it always says why. */
export const discardSchema = bulkSelection(true);
export type BulkSelection = z.output<typeof redriveSchema>;

const skipped = z
  .array(
    z.object({
      id: z.uuid(),
      status: z.string().nullable().describe('its status, or null when there is no such message'),
    }),
  )
  .optional()
  .describe('with `ids`: the messages left alone (not dead or failed, or not found)');

export const redriveResultSchema = z.object({ redriven: z.number().int(), skipped });
export const discardResultSchema = z.object({ discarded: z.number().int(), skipped });

export const countMessagesResultSchema = z.object({
  count: z.number().int(),
  capped: z.boolean().describe('true when there are more than `count` (counting stops at `limit`)'),
});
