'use client';

import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { WorkflowForm } from './workflow-form';

export function NewWorkflowView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader title="New workflow" description="Name it, then add the steps it runs for each event." />
      {isAdmin ? <WorkflowForm /> : <Alert>Only admins can create workflows.</Alert>}
    </>
  );
}
