'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { channelActivityKeys, useSetChannelEnabled } from './channel-activity-queries';
import { DeleteChannelDialog } from './delete-channel-dialog';
import { type ChannelView, useDeleteChannel } from './queries';

/** "Delete" opens a confirmation that names what uses the channel; a refused delete keeps the dialog open. */
export function DeleteChannelButton({ channel }: { channel: ChannelView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useDeleteChannel(() => router.push('/channels'));
  const disable = useSetChannelEnabled();
  const [open, setOpen] = useState(false);

  function close() {
    setOpen(false);
    remove.reset();
  }

  function onDelete() {
    remove.mutate(channel.id, {
      // Something started using it since the dialog opened: show the refusal and what uses it now.
      onError: () => queryClient.invalidateQueries({ queryKey: channelActivityKeys.usage(channel.id) }),
    });
  }

  function onDisable() {
    disable.mutate({ id: channel.id, name: channel.name, enabled: false });
    close();
  }

  return (
    <>
      <Button variant="destructive-outline" onClick={() => setOpen(true)} disabled={remove.isPending}>
        Delete
      </Button>
      <DeleteChannelDialog
        channel={channel}
        open={open}
        onClose={close}
        onDelete={onDelete}
        onDisable={onDisable}
        deleting={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
