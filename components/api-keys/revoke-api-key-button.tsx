'use client';

import { Button } from '@/components/ui/button';
import type { ApiKeyView } from '@/lib/api-keys/schemas';
import { useRevokeApiKey } from './queries';

/** Revokes after a confirmation; the row shows "Revoked" at once and a toast reports the outcome. */
export function RevokeApiKeyButton({ apiKey }: { apiKey: ApiKeyView }) {
  const revoke = useRevokeApiKey();

  function onClick() {
    const question = `Revoke the API key “${apiKey.name}”? Requests that use it will be refused from now on.`;
    if (!window.confirm(question)) return;
    revoke.mutate(apiKey.id);
  }

  return (
    <Button variant="destructive-outline" size="sm" onClick={onClick} disabled={revoke.isPending}>
      Revoke
    </Button>
  );
}
