'use client';

import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { TriggerForm } from './trigger-form';

export function NewTriggerView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader title="New trigger" description="Start a workflow for every event that matches a filter." />
      {isAdmin ? <TriggerForm /> : <Alert>Only admins can create triggers.</Alert>}
    </>
  );
}
