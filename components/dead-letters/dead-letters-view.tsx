'use client';

import { useState } from 'react';
import { rowsOf } from '@/components/data/list-query';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { MessageFilterBar } from '@/components/messages/message-filter-bar';
import { MessagesTable } from '@/components/messages/messages-table';
import { type MessageFilter, useMessages } from '@/components/messages/queries';
import { RetryMessageButton } from '@/components/messages/retry-message-button';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import { LoadMore } from '@/components/ui/load-more';
import { errorMessage } from '@/lib/client/api';
import { RedriveButton } from './redrive-button';

const TARGET_FILTERS = ['channel', 'workflow'] as const;

/** Messages that ran out of attempts (and, optionally, failed permanently), with retry and bulk re-drive. */
export function DeadLettersView() {
  const isAdmin = useIsAdmin();
  const [filter, setFilter] = useState<MessageFilter>({});
  const [includeFailed, setIncludeFailed] = useState(false);
  const statuses: ('dead' | 'failed')[] = includeFailed ? ['dead', 'failed'] : ['dead'];
  const messages = useMessages({ ...filter, status: statuses.join(',') });
  const rows = rowsOf(messages.data);
  const [actionError, setActionError] = useState<unknown>(null);

  return (
    <>
      <PageHeader
        title="Dead letters"
        description="Messages that used up their retries. Fix the cause, then retry them one by one or all at once."
        actions={
          isAdmin ? (
            <RedriveButton
              statuses={statuses}
              channelId={filter.channel_id}
              workflowId={filter.workflow_id}
            />
          ) : null
        }
      />
      <MessageFilterBar filter={filter} onChange={setFilter} fields={TARGET_FILTERS}>
        <Checkbox
          id="include-failed"
          label="Include failed"
          className="h-8"
          checked={includeFailed}
          onChange={(e) => setIncludeFailed(e.target.checked)}
        />
      </MessageFilterBar>
      {actionError ? <Alert tone="error">{errorMessage(actionError)}</Alert> : null}
      {messages.isError ? <Alert tone="error">{errorMessage(messages.error)}</Alert> : null}
      {messages.isPending ? (
        <p className="text-sm text-slate-500">Loading dead letters…</p>
      ) : (
        <div className="flex flex-col gap-3">
          <MessagesTable
            rows={rows}
            empty={{
              title: 'No dead letters',
              description: 'Every message was delivered or is still being tried.',
            }}
            actions={
              isAdmin
                ? (message) => <RetryMessageButton messageId={message.id} setError={setActionError} />
                : undefined
            }
          />
          <LoadMore pager={messages} />
        </div>
      )}
    </>
  );
}
