'use client';

import { Button } from '@/components/ui/button';
import type { VapidKeys } from '@/lib/channels/schemas';
import { errorMessage } from '@/lib/client/api';
import { useGenerateVapidKeys } from './queries';

interface GenerateVapidKeysButtonProps {
  /** The channel already has keys: browsers subscribed with the old public key stop receiving pushes. */
  replacing: boolean;
  onGenerated: (keys: VapidKeys) => void;
}

/** Fills the Web Push form's key pair with a new one from the server; saving the channel stores it. */
export function GenerateVapidKeysButton({ replacing, onGenerated }: GenerateVapidKeysButtonProps) {
  const generate = useGenerateVapidKeys();

  function onClick() {
    if (
      replacing &&
      !window.confirm(
        'Replace the VAPID keys? Browsers subscribed with the current public key must subscribe again.',
      )
    )
      return;
    generate.mutate(undefined, { onSuccess: onGenerated });
  }

  return (
    <div className="mb-3 flex flex-wrap items-center gap-3">
      <Button variant="secondary" size="sm" onClick={onClick} disabled={generate.isPending}>
        {generate.isPending ? 'Generating…' : 'Generate VAPID keys'}
      </Button>
      {generate.isError ? (
        <span role="alert" className="text-xs text-red-600">
          {errorMessage(generate.error)}
        </span>
      ) : generate.isSuccess ? (
        <span role="status" className="text-xs text-slate-500">
          New key pair filled in; save the channel to keep it.
        </span>
      ) : (
        <span className="text-xs text-slate-500">Creates a new key pair for the two VAPID key fields.</span>
      )}
    </div>
  );
}
