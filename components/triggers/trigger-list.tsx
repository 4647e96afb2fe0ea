'use client';

import Link from 'next/link';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { buttonVariants } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { useWorkflowOptions } from '@/components/workflows/queries';
import { ConsumerStateBadge, totalLag, triggerState } from './consumer-state-badge';
import { PauseTriggerButton } from './pause-trigger-button';
import { type TriggerView, useTriggers } from './queries';
import { filterSummary } from './trigger-types';

function typeOf(trigger: TriggerView): string {
  const queue = trigger.config.queue_type;
  return typeof queue === 'string' ? `${trigger.type} (${queue})` : trigger.type;
}

/** The newest message any worker consumed for the trigger. */
function lastMessageAt(trigger: TriggerView): string | null {
  const times = trigger.status.map((s) => s.last_message_at).filter((t): t is string => Boolean(t));
  return times.sort().at(-1) ?? null;
}

/** Every trigger with its consumers' state and lag (polled every 5 s); admins pause and resume from here. */
export function TriggerList() {
  const isAdmin = useIsAdmin();
  const triggers = useTriggers();
  const workflows = new Map((useWorkflowOptions().data ?? []).map((w) => [w.id, w]));

  const columns: (ListColumn<TriggerView> | false)[] = [
    {
      id: 'name',
      header: 'Name',
      className: 'font-medium text-slate-900',
      cell: (trigger) => (
        <Link href={`/triggers/${trigger.id}`} className="hover:underline">
          {trigger.name}
        </Link>
      ),
    },
    { id: 'type', header: 'Type', cell: typeOf },
    {
      id: 'workflow',
      header: 'Workflow',
      cell: (trigger) => {
        const workflow = workflows.get(trigger.workflow_id);
        return workflow ? (
          <Link href={`/workflows/${encodeURIComponent(workflow.key)}`} className="hover:underline">
            {workflow.name}
          </Link>
        ) : (
          <span className="font-mono text-xs text-slate-500">{trigger.workflow_id}</span>
        );
      },
    },
    {
      id: 'state',
      header: 'State',
      cell: (trigger) => {
        const state = triggerState(trigger);
        return state ? <ConsumerStateBadge state={state} /> : <span className="text-slate-400">—</span>;
      },
    },
    {
      id: 'lag',
      header: 'Lag',
      className: 'text-right tabular-nums',
      cell: (trigger) => totalLag(trigger.status)?.toLocaleString('en-US') ?? '—',
    },
    {
      id: 'last-message',
      header: 'Last message',
      cell: (trigger) => <DateTime value={lastMessageAt(trigger)} relativeTime />,
    },
    {
      id: 'filter',
      header: 'Filter',
      className: 'max-w-64 truncate font-mono text-xs',
      title: (trigger) => JSON.stringify(trigger.config.filter),
      cell: (trigger) => filterSummary(trigger.config.filter),
    },
    isAdmin && {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      className: 'text-right',
      cell: (trigger) => <PauseTriggerButton trigger={trigger} size="sm" />,
    },
  ];

  return (
    <ListTable
      label="Triggers"
      columns={columns}
      rowKey={(trigger) => trigger.id}
      query={triggers}
      loadingLabel="Loading triggers…"
      rowHref={(trigger) => `/triggers/${trigger.id}`}
      empty={{
        title: 'No triggers yet',
        description:
          'A trigger starts a workflow when a matching event arrives: from Kafka, RabbitMQ, the API, a webhook, a schedule or a poll.',
        action: isAdmin ? (
          <Link href="/triggers/new" className={buttonVariants()}>
            New trigger
          </Link>
        ) : undefined,
      }}
    />
  );
}
