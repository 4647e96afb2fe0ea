'use client';

import { useState } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import { DeleteTriggerButton } from './delete-trigger-button';
import { useTrigger } from './queries';
import { TriggerForm } from './trigger-form';

export function TriggerDetailView({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const trigger = useTrigger(id);
  const [actionError, setActionError] = useState<unknown>(null);

  if (trigger.isPending) return <p className="text-sm text-slate-500">Loading trigger…</p>;
  if (trigger.isError) return <Alert tone="error">{errorMessage(trigger.error)}</Alert>;

  return (
    <>
      <PageHeader
        title={trigger.data.name}
        description={
          <>
            {trigger.data.type} trigger · updated <DateTime value={trigger.data.updated_at} relativeTime />
          </>
        }
        actions={isAdmin ? <DeleteTriggerButton trigger={trigger.data} setError={setActionError} /> : null}
      />
      {actionError ? <Alert tone="error">{errorMessage(actionError)}</Alert> : null}
      {isAdmin ? null : <Alert>Viewers can see triggers but cannot change or delete them.</Alert>}
      <TriggerForm key={trigger.data.id} trigger={trigger.data} />
    </>
  );
}
