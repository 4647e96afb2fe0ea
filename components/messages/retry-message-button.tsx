'use client';

import { Button } from '@/components/ui/button';
import { useRetryMessage } from './queries';

/** Re-queues one dead or failed message (admins only; the caller decides whether to show it). */
export function RetryMessageButton({
  messageId,
  setError,
  size = 'sm',
}: {
  messageId: string;
  setError: (error: unknown) => void;
  size?: 'sm' | 'md';
}) {
  const retry = useRetryMessage();
  return (
    <Button
      variant="secondary"
      size={size}
      disabled={retry.isPending}
      onClick={() => {
        setError(null);
        retry.mutate(messageId, { onError: setError });
      }}
    >
      {retry.isPending ? 'Retrying…' : 'Retry'}
    </Button>
  );
}
