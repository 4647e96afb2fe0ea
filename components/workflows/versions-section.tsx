'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import type { WorkflowView } from './queries';
import { VersionPanel } from './versions-panel';
import { useWorkflowVersions, type WorkflowVersionView } from './versions-queries';

/** The workflow's saved versions, newest first; "View" opens one to compare with the current one or restore it. */
export function VersionsSection({
  workflow,
  onRestored,
}: {
  workflow: WorkflowView;
  /** After a restore saved a new version (the editor above shows other steps now). */
  onRestored: () => void;
}) {
  const versions = useWorkflowVersions(workflow.key);
  const [selected, setSelected] = useState<number | null>(null);

  const columns: ListColumn<WorkflowVersionView>[] = [
    {
      id: 'version',
      header: 'Version',
      className: 'tabular-nums',
      cell: (v) => (
        <span className="flex items-center gap-2">
          <span className="font-medium text-slate-900">{v.version}</span>
          {v.version === workflow.version ? <Badge tone="info">current</Badge> : null}
          {v.restored_from ? <Badge>restored from {v.restored_from}</Badge> : null}
        </span>
      ),
    },
    { id: 'by', header: 'Saved by', cell: (v) => v.created_by.label ?? v.created_by.type },
    { id: 'at', header: 'Saved', cell: (v) => <DateTime value={v.created_at} relativeTime /> },
    { id: 'steps', header: 'Steps', className: 'text-right tabular-nums', cell: (v) => v.steps.length },
    {
      id: 'view',
      header: <span className="sr-only">View</span>,
      className: 'text-right',
      cell: (v) => (
        <Button
          size="sm"
          variant="ghost"
          aria-label={`View version ${v.version}`}
          aria-pressed={selected === v.version}
          onClick={() => setSelected(selected === v.version ? null : v.version)}
        >
          View
        </Button>
      ),
    },
  ];

  return (
    <section aria-labelledby="workflow-versions-title" className="flex flex-col gap-3">
      <h2 id="workflow-versions-title" className="text-base font-semibold text-slate-900">
        Versions
      </h2>
      <ListTable
        label="Versions"
        query={versions}
        columns={columns}
        rowKey={(v) => String(v.version)}
        rowClassName={(v) => (selected === v.version ? 'bg-slate-50' : undefined)}
        loadingLabel="Loading versions…"
        skeletonRows={3}
        empty={{
          title: 'No versions recorded',
          description: 'The next save of this workflow records its first version.',
        }}
      />
      {selected !== null ? (
        <VersionPanel
          key={selected}
          workflow={workflow}
          version={selected}
          onClose={() => setSelected(null)}
          onRestored={() => {
            setSelected(null);
            onRestored();
          }}
        />
      ) : null}
    </section>
  );
}
