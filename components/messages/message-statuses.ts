import type { BadgeProps } from '@/components/ui/badge';
import type { MessageStatus } from '@/lib/messages/schemas';

export type { MessageStatus };

// The console may not import lib/ at runtime, so the statuses are listed here; the Record type makes the compiler
// fail when lib/messages/schemas.ts adds or removes one.
const TONES: Record<MessageStatus, NonNullable<BadgeProps['tone']>> = {
  queued: 'neutral',
  sending: 'neutral',
  retrying: 'warning',
  sent: 'success',
  delivered: 'success',
  failed: 'danger',
  dead: 'danger',
  bounced: 'danger',
  discarded: 'neutral',
};

export const MESSAGE_STATUSES = Object.keys(TONES) as MessageStatus[];

const FINAL = new Set<string>([
  'sent',
  'delivered',
  'failed',
  'dead',
  'bounced',
  'discarded',
] satisfies MessageStatus[]);

export function statusTone(status: string): NonNullable<BadgeProps['tone']> {
  return TONES[status as MessageStatus] ?? 'neutral';
}

/** A final message changes only when someone retries it. */
export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}

/** Dead and failed messages can be retried (POST /messages/:id/retry). */
export function isRetryable(status: string): boolean {
  return status === 'dead' || status === 'failed';
}
