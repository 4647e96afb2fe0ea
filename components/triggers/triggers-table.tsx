'use client';

import Link from 'next/link';
import { rowsOf } from '@/components/data/list-query';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { EnabledBadge } from '@/components/ui/enabled-badge';
import { LoadMore } from '@/components/ui/load-more';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useWorkflowOptions } from '@/components/workflows/queries';
import { errorMessage } from '@/lib/client/api';
import { ConsumerStateBadge, worstState } from './consumer-state-badge';
import { type TriggerView, useTriggers } from './queries';
import { filterSummary } from './trigger-types';

function typeOf(trigger: TriggerView): string {
  const queue = trigger.config.queue_type;
  return typeof queue === 'string' ? `${trigger.type} (${queue})` : trigger.type;
}

export function TriggersTable() {
  const triggers = useTriggers();
  const workflows = new Map((useWorkflowOptions().data ?? []).map((w) => [w.id, w]));
  const rows = rowsOf(triggers.data);

  if (triggers.isPending) return <p className="text-sm text-slate-500">Loading triggers…</p>;
  if (triggers.isError) return <Alert tone="error">{errorMessage(triggers.error)}</Alert>;

  return (
    <div className="flex flex-col gap-3">
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <EmptyState
            title="No triggers yet"
            description="A trigger starts a workflow when a matching event arrives."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Name</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Workflow</TableHead>
                <TableHead>Enabled</TableHead>
                <TableHead>State</TableHead>
                <TableHead>Filter</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((trigger) => {
                const workflow = workflows.get(trigger.workflow_id);
                const state = worstState(trigger.status);
                return (
                  <TableRow key={trigger.id}>
                    <TableCell className="font-medium text-slate-900">
                      <Link href={`/triggers/${trigger.id}`} className="hover:underline">
                        {trigger.name}
                      </Link>
                    </TableCell>
                    <TableCell>{typeOf(trigger)}</TableCell>
                    <TableCell>
                      {workflow ? (
                        <Link
                          href={`/workflows/${encodeURIComponent(workflow.key)}`}
                          className="hover:underline"
                        >
                          {workflow.name}
                        </Link>
                      ) : (
                        <span className="font-mono text-xs text-slate-500">{trigger.workflow_id}</span>
                      )}
                    </TableCell>
                    <TableCell>
                      <EnabledBadge enabled={trigger.enabled} />
                    </TableCell>
                    <TableCell>
                      {state ? (
                        <ConsumerStateBadge state={state} />
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </TableCell>
                    <TableCell
                      className="max-w-80 truncate font-mono text-xs"
                      title={JSON.stringify(trigger.config.filter)}
                    >
                      {filterSummary(trigger.config.filter)}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Card>
      <LoadMore pager={triggers} />
    </div>
  );
}
