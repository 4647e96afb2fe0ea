'use client';

import { useState } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import { DeleteWorkflowButton } from './delete-workflow-button';
import { PreviewPanel } from './preview-panel';
import { useWorkflow } from './queries';
import { VersionsSection } from './versions-section';
import { WorkflowForm } from './workflow-form';

export function WorkflowDetailView({ workflowKey }: { workflowKey: string }) {
  const isAdmin = useIsAdmin();
  const workflow = useWorkflow(workflowKey);
  // A restore replaces the steps under the form: remount it so it shows them.
  const [restores, setRestores] = useState(0);

  if (workflow.isPending) return <p className="text-sm text-slate-500">Loading workflow…</p>;
  if (workflow.isError) return <Alert tone="error">{errorMessage(workflow.error)}</Alert>;
  const data = workflow.data;

  return (
    <>
      <PageHeader
        title={data.name}
        description={
          <>
            <span className="font-mono">{data.key}</span> · version {data.version} · updated{' '}
            <DateTime value={data.updated_at} relativeTime />
          </>
        }
        actions={isAdmin ? <DeleteWorkflowButton workflow={data} /> : null}
      />
      {isAdmin ? null : (
        <Alert>Viewers can see and preview workflows but cannot change or trigger them.</Alert>
      )}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] xl:items-start">
        <WorkflowForm key={`${data.id}-${restores}`} workflow={data} />
        <PreviewPanel workflowKey={data.key} />
      </div>
      <VersionsSection workflow={data} onRestored={() => setRestores((n) => n + 1)} />
    </>
  );
}
