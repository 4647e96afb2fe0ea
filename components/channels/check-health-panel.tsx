'use client';

import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/client/api';
import { useCheckChannelHealth } from './queries';

/** Checks connectivity and credentials without sending anything. */
export function CheckHealthPanel({ channelId }: { channelId: string }) {
  const check = useCheckChannelHealth(channelId);
  const result = check.data;
  return (
    <div className="flex flex-col gap-3">
      <div>
        <Button variant="secondary" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Check health'}
        </Button>
      </div>
      {check.isError ? <Alert tone="error">{errorMessage(check.error)}</Alert> : null}
      {result ? (
        <div role="status" className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={result.ok ? 'success' : 'danger'} dot>
            {result.ok ? 'Healthy' : 'Unhealthy'}
          </Badge>
          <span className="text-slate-700">{result.detail}</span>
          <span className="text-xs text-slate-500">{result.duration_ms} ms</span>
        </div>
      ) : null}
    </div>
  );
}
