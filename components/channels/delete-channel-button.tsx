'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { type ChannelView, useDeleteChannel } from './queries';

export function DeleteChannelButton({
  channel,
  setError,
}: {
  channel: ChannelView;
  setError: (error: unknown) => void;
}) {
  const router = useRouter();
  const remove = useDeleteChannel();

  function onClick() {
    if (!window.confirm(`Delete the channel “${channel.name}”? This cannot be undone.`)) return;
    setError(null);
    remove.mutate(channel.id, { onSuccess: () => router.push('/channels'), onError: setError });
  }

  return (
    <Button variant="destructive-outline" onClick={onClick} disabled={remove.isPending}>
      {remove.isPending ? 'Deleting…' : 'Delete'}
    </Button>
  );
}
