'use client';

import { Button } from '@/components/ui/button';
import { type InvalidRecipientView, useDeleteInvalidRecipient } from './queries';

/** Clears an entry after a confirmation; only admins see it (the API refuses viewers too). */
export function ClearInvalidRecipientButton({ entry }: { entry: InvalidRecipientView }) {
  const remove = useDeleteInvalidRecipient();

  function onClick() {
    const question =
      `Clear this ${entry.provider} recipient of “${entry.channel_name}”? Sends to it go out again; if the ` +
      'provider still refuses it, the next failed send lists it again.';
    if (!window.confirm(question)) return;
    remove.mutate(entry.id);
  }

  return (
    <Button variant="destructive-outline" size="sm" onClick={onClick} disabled={remove.isPending}>
      Clear
    </Button>
  );
}
