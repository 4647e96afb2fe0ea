'use client';

import { useState } from 'react';
import { rowsOf } from '@/components/data/list-query';
import { PageHeader } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { LoadMore } from '@/components/ui/load-more';
import { errorMessage } from '@/lib/client/api';
import { MessageFilterBar } from './message-filter-bar';
import { MessagesTable } from './messages-table';
import { type MessageFilter, useMessages } from './queries';

/** Every message, filtered, refreshed every 3 seconds. `initialFilter` comes from the URL (`?workflow_id=`). */
export function MessagesView({ initialFilter = {} }: { initialFilter?: MessageFilter }) {
  const [filter, setFilter] = useState<MessageFilter>(initialFilter);
  const messages = useMessages(filter);
  const rows = rowsOf(messages.data);

  return (
    <>
      <PageHeader
        title="Messages"
        description="Every message workflows created; refreshes every 3 seconds."
      />
      <MessageFilterBar filter={filter} onChange={setFilter} />
      {messages.isError ? <Alert tone="error">{errorMessage(messages.error)}</Alert> : null}
      {messages.isPending ? (
        <p className="text-sm text-slate-500">Loading messages…</p>
      ) : (
        <div className="flex flex-col gap-3">
          <MessagesTable
            rows={rows}
            empty={{
              title: 'No messages',
              description: 'Messages appear here when a workflow runs; change the filters to see more.',
            }}
          />
          <LoadMore pager={messages} />
        </div>
      )}
    </>
  );
}
