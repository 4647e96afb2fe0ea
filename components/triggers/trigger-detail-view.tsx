'use client';

import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import { ConsumerStateBadge, totalLag, triggerState } from './consumer-state-badge';
import { ConsumerStatusTable } from './consumer-status-table';
import { DeleteTriggerButton } from './delete-trigger-button';
import { InboundUrlCard } from './inbound-url-card';
import { PauseTriggerButton } from './pause-trigger-button';
import { type TriggerView, useTrigger, useTriggerTypes } from './queries';
import { TriggerForm } from './trigger-form';
import { formOfTrigger, reportsStatus } from './trigger-types';

/** The state badge and total lag beside the title. */
function StateSummary({ trigger }: { trigger: TriggerView }) {
  const state = triggerState(trigger);
  const lag = totalLag(trigger.status);
  if (!state) return null;
  return (
    <span className="flex items-center gap-2" data-testid="trigger-state">
      <ConsumerStateBadge state={state} />
      {lag === null ? null : (
        <span className="text-xs text-slate-500 tabular-nums">lag {lag.toLocaleString('en-US')}</span>
      )}
    </span>
  );
}

export function TriggerDetailView({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const trigger = useTrigger(id);
  const forms = useTriggerTypes();

  if (trigger.isPending || forms.isPending) return <p className="text-sm text-slate-500">Loading trigger…</p>;
  if (trigger.isError) return <Alert tone="error">{errorMessage(trigger.error)}</Alert>;
  if (forms.isError) return <Alert tone="error">{errorMessage(forms.error)}</Alert>;
  const form = formOfTrigger(forms.data, trigger.data);
  const paused = !trigger.data.enabled;

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
        actions={
          <>
            <StateSummary trigger={trigger.data} />
            {isAdmin ? (
              <>
                <PauseTriggerButton trigger={trigger.data} />
                <DeleteTriggerButton trigger={trigger.data} />
              </>
            ) : null}
          </>
        }
      />
      {paused ? (
        <Alert tone="warning" title="Paused">
          {reportsStatus(trigger.data.type)
            ? 'No worker consumes for this trigger: broker messages wait in their topic or queue and are read from where it stopped once resumed; schedule ticks and polls are skipped meanwhile.'
            : trigger.data.type === 'webhook'
              ? 'Its inbound URL answers 404 until it is resumed; senders that retry will deliver again then.'
              : 'Events posted to the API no longer start runs through this trigger until it is resumed.'}
        </Alert>
      ) : null}
      {isAdmin ? null : <Alert>Viewers can see triggers but cannot change, pause or delete them.</Alert>}
      {trigger.data.type === 'webhook' ? <InboundUrlCard triggerId={trigger.data.id} /> : null}
      {reportsStatus(trigger.data.type) ? (
        <ConsumerStatusTable
          label="Consumers"
          description="Each worker running this trigger; refreshes every 3 seconds."
          consumers={trigger.data.status}
          empty={{
            title: paused ? 'Paused: no worker runs this trigger' : 'No worker runs this trigger',
            description: paused
              ? 'Resume it and every live worker starts its consumer within a few seconds.'
              : 'An enabled trigger starts in every live worker within a few seconds.',
          }}
        />
      ) : null}
      <TriggerForm key={trigger.data.id} trigger={trigger.data} forms={forms.data} />
    </>
  );
}
