'use client';

import Link from 'next/link';
import { EnabledBadge } from '@/components/ui/enabled-badge';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { useWorkflows, type WorkflowView } from './queries';

const hrefOf = (workflow: WorkflowView) => `/workflows/${encodeURIComponent(workflow.key)}`;

const COLUMNS: ListColumn<WorkflowView>[] = [
  {
    id: 'key',
    header: 'Key',
    className: 'font-mono text-xs',
    cell: (workflow) => (
      <Link href={hrefOf(workflow)} className="hover:underline">
        {workflow.key}
      </Link>
    ),
  },
  { id: 'name', header: 'Name', className: 'font-medium text-slate-900', cell: (workflow) => workflow.name },
  { id: 'steps', header: 'Steps', className: 'tabular-nums', cell: (workflow) => workflow.steps.length },
  { id: 'enabled', header: 'Enabled', cell: (workflow) => <EnabledBadge enabled={workflow.enabled} /> },
  { id: 'version', header: 'Version', className: 'tabular-nums', cell: (workflow) => workflow.version },
];

export function WorkflowsTable() {
  const workflows = useWorkflows();
  return (
    <ListTable
      label="Workflows"
      query={workflows}
      columns={COLUMNS}
      rowKey={(workflow) => workflow.id}
      rowHref={hrefOf}
      loadingLabel="Loading workflows…"
      empty={{
        title: 'No workflows yet',
        description:
          'A workflow turns an event into messages: send, wait, digest and branch steps. Add one with "New workflow".',
      }}
    />
  );
}
