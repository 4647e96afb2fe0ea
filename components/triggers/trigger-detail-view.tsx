'use client';

import { useState } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import { ConsumerStatusTable } from './consumer-status-table';
import { DeleteTriggerButton } from './delete-trigger-button';
import { InboundUrlCard } from './inbound-url-card';
import { useTrigger, useTriggerTypes } from './queries';
import { TriggerForm } from './trigger-form';
import { formOfTrigger, reportsStatus } from './trigger-types';

export function TriggerDetailView({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const trigger = useTrigger(id);
  const forms = useTriggerTypes();
  const [actionError, setActionError] = useState<unknown>(null);

  if (trigger.isPending || forms.isPending) return <p className="text-sm text-slate-500">Loading trigger…</p>;
  if (trigger.isError) return <Alert tone="error">{errorMessage(trigger.error)}</Alert>;
  if (forms.isError) return <Alert tone="error">{errorMessage(forms.error)}</Alert>;
  const form = formOfTrigger(forms.data, trigger.data);

  return (
    <>
      <PageHeader
        title={trigger.data.name}
        description={
          <>
            {form?.label ?? `${trigger.data.type} trigger`} · updated{' '}
            <DateTime value={trigger.data.updated_at} relativeTime />
          </>
        }
        actions={isAdmin ? <DeleteTriggerButton trigger={trigger.data} setError={setActionError} /> : null}
      />
      {actionError ? <Alert tone="error">{errorMessage(actionError)}</Alert> : null}
      {isAdmin ? null : <Alert>Viewers can see triggers but cannot change or delete them.</Alert>}
      {trigger.data.type === 'webhook' ? <InboundUrlCard triggerId={trigger.data.id} /> : null}
      {reportsStatus(trigger.data.type) ? <ConsumerStatusTable status={trigger.data.status} /> : null}
      <TriggerForm key={trigger.data.id} trigger={trigger.data} forms={forms.data} />
    </>
  );
}
