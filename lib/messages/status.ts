import { and, eq, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { schema } from '../db';
import type { MessageStatus } from './schemas';

const m = schema.messages;
type MessageRow = typeof m.$inferSelect;

/**
 * A worker claims a message without changing its `status` column (only `claimed_by` and the attempt count), so
 * the claim is a heap-only update that touches none of the message's indexes. `sending` is therefore a claimed
 * message that is still queued or retrying; the API and the console see it under that name.
 */
export function effectiveStatus(row: Pick<MessageRow, 'status' | 'claimedBy'>): MessageStatus {
  if (row.claimedBy && (row.status === 'queued' || row.status === 'retrying')) return 'sending';
  return row.status;
}

/**
 * What a re-drive (one message or many) sets: queued with a fresh attempt budget and no provider rate-limit
 * streak, so a message that died after hours of 429s waits out the next one instead of counting it as a failure.
 */
export const REDRIVEN = {
  status: 'queued',
  attemptCount: 0,
  nextAttemptAt: null,
  claimedBy: null,
  rateLimitedSince: null,
} as const satisfies Partial<MessageRow>;

const CLAIMABLE: MessageRow['status'][] = ['queued', 'retrying', 'sending'];

/** The SQL condition for messages whose effective status is one of `statuses`. */
export function statusCondition(statuses: readonly MessageStatus[]): SQL | undefined {
  const parts = statuses.map((status) => {
    if (status === 'sending')
      return or(eq(m.status, 'sending'), and(inArray(m.status, CLAIMABLE), isNotNull(m.claimedBy)));
    if (status === 'queued' || status === 'retrying') return and(eq(m.status, status), isNull(m.claimedBy));
    return eq(m.status, status);
  });
  return or(...parts);
}
