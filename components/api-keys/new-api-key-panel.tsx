'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { CreatedApiKey } from './queries';

type CopyState = 'idle' | 'copied' | 'failed';

/** Shows a new key's secret, the only time it is ever shown. */
export function NewApiKeyPanel({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copy, setCopy] = useState<CopyState>('idle');

  async function copyKey() {
    try {
      // navigator.clipboard is missing outside secure contexts (plain http on a non-localhost host).
      if (!navigator.clipboard) throw new Error('clipboard unavailable');
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <section
      aria-label="New API key"
      className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 shadow-xs"
    >
      <div className="flex flex-col gap-0.5">
        <h2 className="text-sm font-semibold text-amber-950">API key “{created.name}” created</h2>
        <p className="text-sm text-amber-900">Copy this key now. It will not be shown again.</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="new-api-key"
          className="min-w-0 flex-1 break-all rounded-md border border-amber-200 bg-white px-2.5 py-1.5 font-mono text-xs text-slate-900 select-all"
        >
          {created.key}
        </code>
        <Button variant="secondary" onClick={copyKey}>
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
      {copy === 'failed' ? (
        <p className="text-xs text-amber-900">
          The browser refused to copy; select the key and copy it by hand.
        </p>
      ) : null}
    </section>
  );
}
