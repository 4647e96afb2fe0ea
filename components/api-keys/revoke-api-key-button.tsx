'use client';

import { Button } from '@/components/ui/button';
import type { ApiKeyView } from '@/lib/api-keys/schemas';
import { useRevokeApiKey } from './queries';

export function RevokeApiKeyButton({
  apiKey,
  setError,
}: {
  apiKey: ApiKeyView;
  /** Reports a failure to the table, which shows it above the rows; cleared when a revoke starts. */
  setError: (error: unknown) => void;
}) {
  const revoke = useRevokeApiKey();

  function onClick() {
    const question = `Revoke the API key “${apiKey.name}”? Requests that use it will be refused from now on.`;
    if (!window.confirm(question)) return;
    setError(null);
    revoke.mutate(apiKey.id, { onError: setError });
  }

  return (
    <Button variant="destructive-outline" size="sm" onClick={onClick} disabled={revoke.isPending}>
      Revoke
    </Button>
  );
}
