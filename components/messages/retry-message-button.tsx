'use client';

import { Button } from '@/components/ui/button';
import { useRetryMessage } from './queries';

/**
 * Re-queues one dead or failed message (admins only; the caller decides whether to show it). The mutation's toast
 * says whether it worked.
 */
export function RetryMessageButton({ messageId, size = 'sm' }: { messageId: string; size?: 'sm' | 'md' }) {
  const retry = useRetryMessage();
  return (
    <Button
      variant="secondary"
      size={size}
      disabled={retry.isPending}
      onClick={() => retry.mutate(messageId)}
    >
      {retry.isPending ? 'Retrying…' : 'Retry'}
    </Button>
  );
}
