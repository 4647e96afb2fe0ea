'use client';

import Link from 'next/link';
import { useState } from 'react';
import { rowsOf } from '@/components/data/list-query';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadMore } from '@/components/ui/load-more';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/client/api';
import { AlertStateBadge } from './alert-state-badge';
import { formatValue, kindLabel } from './kind-label';
import { useAlertRules } from './queries';
import { ToggleAlertRuleButton } from './toggle-alert-rule-button';

export function AlertRulesTable() {
  const isAdmin = useIsAdmin();
  const rules = useAlertRules();
  const rows = rowsOf(rules.data);
  const [actionError, setActionError] = useState<unknown>(null);

  if (rules.isPending) return <p className="text-sm text-slate-500">Loading alert rules…</p>;
  if (rules.isError) return <Alert tone="error">{errorMessage(rules.error)}</Alert>;

  return (
    <div className="flex flex-col gap-3">
      {actionError ? <Alert tone="error">{errorMessage(actionError)}</Alert> : null}
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <EmptyState
            title="No alert rules yet"
            description="A rule watches error rates, dead letters, consumers, workers or queues and notifies through your channels."
          />
        ) : (
          <Table aria-label="Alert rules">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Name</TableHead>
                <TableHead>Kind</TableHead>
                <TableHead>State</TableHead>
                <TableHead>Last value</TableHead>
                <TableHead>Last evaluated</TableHead>
                {isAdmin ? (
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((rule) => (
                <TableRow key={rule.id}>
                  <TableCell className="font-medium text-slate-900">
                    <Link href={`/alerts/${rule.id}`} className="hover:underline">
                      {rule.name}
                    </Link>
                  </TableCell>
                  <TableCell>{kindLabel(rule.kind)}</TableCell>
                  <TableCell>
                    <AlertStateBadge rule={rule} />
                  </TableCell>
                  <TableCell>{formatValue(rule.kind, rule.last_value)}</TableCell>
                  <TableCell>
                    {rule.last_evaluated_at ? (
                      <DateTime value={rule.last_evaluated_at} relativeTime />
                    ) : (
                      'Not yet'
                    )}
                  </TableCell>
                  {isAdmin ? (
                    <TableCell className="text-right">
                      <ToggleAlertRuleButton rule={rule} setError={setActionError} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <LoadMore pager={rules} />
    </div>
  );
}
