'use client';

import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { errorMessage } from '@/lib/client/api';
import { useTriggerTypes } from './queries';
import { TriggerForm } from './trigger-form';

export function NewTriggerView() {
  const isAdmin = useIsAdmin();
  const forms = useTriggerTypes();
  return (
    <>
      <PageHeader
        title="New trigger"
        description="Start a workflow for every matching event from the API, a broker, a webhook, a schedule or a polled URL."
      />
      {!isAdmin ? (
        <Alert>Only admins can create triggers.</Alert>
      ) : forms.isPending ? (
        <p className="text-sm text-slate-500">Loading trigger types…</p>
      ) : forms.isError ? (
        <Alert tone="error">{errorMessage(forms.error)}</Alert>
      ) : (
        <TriggerForm forms={forms.data} />
      )}
    </>
  );
}
