'use client';

import Link from 'next/link';
import { rowsOf } from '@/components/data/list-query';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { EnabledBadge } from '@/components/ui/enabled-badge';
import { LoadMore } from '@/components/ui/load-more';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/client/api';
import { useWorkflows } from './queries';

export function WorkflowsTable() {
  const workflows = useWorkflows();
  const rows = rowsOf(workflows.data);

  if (workflows.isPending) return <p className="text-sm text-slate-500">Loading workflows…</p>;
  if (workflows.isError) return <Alert tone="error">{errorMessage(workflows.error)}</Alert>;

  return (
    <div className="flex flex-col gap-3">
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <EmptyState
            title="No workflows yet"
            description="A workflow turns an event into messages: send, wait, digest and branch steps."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Key</TableHead>
                <TableHead>Name</TableHead>
                <TableHead>Steps</TableHead>
                <TableHead>Enabled</TableHead>
                <TableHead>Version</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((workflow) => (
                <TableRow key={workflow.id}>
                  <TableCell className="font-mono text-xs">
                    <Link href={`/workflows/${encodeURIComponent(workflow.key)}`} className="hover:underline">
                      {workflow.key}
                    </Link>
                  </TableCell>
                  <TableCell className="font-medium text-slate-900">{workflow.name}</TableCell>
                  <TableCell className="tabular-nums">{workflow.steps.length}</TableCell>
                  <TableCell>
                    <EnabledBadge enabled={workflow.enabled} />
                  </TableCell>
                  <TableCell className="tabular-nums">{workflow.version}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <LoadMore pager={workflows} />
    </div>
  );
}
