'use client';

import { useState } from 'react';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/client/api';
import { useApiKeys } from './queries';
import { RevokeApiKeyButton } from './revoke-api-key-button';

export function ApiKeysTable() {
  const isAdmin = useIsAdmin();
  const keys = useApiKeys();
  const [actionError, setActionError] = useState<unknown>(null);
  const rows = keys.data?.pages.flatMap((page) => page.data) ?? [];

  if (keys.isPending) return <p className="text-sm text-slate-500">Loading API keys…</p>;
  if (keys.isError) return <Alert tone="error">{errorMessage(keys.error)}</Alert>;

  return (
    <div className="flex flex-col gap-3">
      {actionError ? <Alert tone="error">{errorMessage(actionError)}</Alert> : null}
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <EmptyState
            title="No API keys yet"
            description="Services send events to Switchboard with an API key in the Authorization header."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Name</TableHead>
                <TableHead>Key</TableHead>
                <TableHead>Scope</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Status</TableHead>
                {isAdmin ? (
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((key) => (
                <TableRow key={key.id}>
                  <TableCell className="font-medium text-slate-900">{key.name}</TableCell>
                  <TableCell className="font-mono text-xs">{key.prefix}…</TableCell>
                  <TableCell>
                    <Badge tone={key.scope === 'admin' ? 'warning' : 'neutral'}>{key.scope}</Badge>
                  </TableCell>
                  <TableCell>
                    <DateTime value={key.created_at} />
                  </TableCell>
                  <TableCell>
                    <DateTime value={key.last_used_at} empty="never" />
                  </TableCell>
                  <TableCell>
                    {key.revoked_at ? (
                      <Badge tone="neutral">Revoked</Badge>
                    ) : (
                      <Badge tone="success" dot>
                        Active
                      </Badge>
                    )}
                  </TableCell>
                  {isAdmin ? (
                    <TableCell className="text-right">
                      {key.revoked_at ? null : <RevokeApiKeyButton apiKey={key} setError={setActionError} />}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      {keys.hasNextPage ? (
        <div>
          <Button variant="secondary" onClick={() => keys.fetchNextPage()} disabled={keys.isFetchingNextPage}>
            {keys.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
