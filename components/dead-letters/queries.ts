import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { auditKeys } from '@/components/audit/queries';
import { useApiMutation } from '@/components/data/api-mutation';
import { withQuery } from '@/components/data/list-query';
import { type MessageFilter, messageKeys } from '@/components/messages/queries';
import { apiFetch } from '@/lib/client/api';
import type {
  countMessagesResultSchema,
  discardResultSchema,
  discardSchema,
  redriveResultSchema,
} from '@/lib/messages/bulk-schemas';

export type BulkInput = z.input<typeof discardSchema>;
type CountResult = z.output<typeof countMessagesResultSchema>;
type RedriveResult = z.output<typeof redriveResultSchema>;
type DiscardResult = z.output<typeof discardResultSchema>;

const plural = (n: number) => `${n} message${n === 1 ? '' : 's'}`;

/** How many messages the filter matches (up to 10,000): "select all N matching". */
export function useMessageCount(filter: MessageFilter) {
  return useQuery({
    queryKey: [...messageKeys.all, 'count', filter],
    queryFn: ({ signal }) =>
      apiFetch<CountResult>(withQuery('/api/v1/messages/count', { ...filter }), { signal }),
    refetchInterval: 5_000,
    placeholderData: keepPreviousData,
  });
}

function skippedNote(skipped: { status: string | null }[] | undefined): string {
  return skipped?.length ? `; ${plural(skipped.length)} skipped (no longer dead or failed)` : '';
}

export function useBulkRedrive() {
  return useApiMutation({
    mutationFn: (input: BulkInput) =>
      apiFetch<RedriveResult>('/api/v1/messages/redrive', { method: 'POST', body: input }),
    toast: {
      success: (result) => `${plural(result.redriven)} queued for re-delivery${skippedNote(result.skipped)}`,
      error: 'The messages were not re-driven',
    },
    invalidate: [messageKeys.all, auditKeys.all],
  });
}

export function useBulkDiscard() {
  return useApiMutation({
    mutationFn: (input: BulkInput) =>
      apiFetch<DiscardResult>('/api/v1/messages/discard', { method: 'POST', body: input }),
    toast: {
      success: (result) => `${plural(result.discarded)} discarded${skippedNote(result.skipped)}`,
      error: 'The messages were not discarded',
    },
    invalidate: [messageKeys.all, auditKeys.all],
  });
}
