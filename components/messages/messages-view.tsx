'use client';

import { PageHeader } from '@/components/layout/page-header';
import { ClearFilters } from '@/components/ui/filter-bar';
import { MessageFilterBar } from './message-filter-bar';
import { MessagesTable } from './messages-table';
import { useMessages } from './queries';
import { useMessageFilterUrl } from './use-message-filter-url';
import { useMessagePageUrl } from './use-message-page-url';

/**
 * Every message, filtered, refreshed every 3 seconds; pages of 50 from the server (keyset cursors, Previous and
 * Next). The filters, the search and the page live in the URL (`?status=dead&q=invoice&cursor=…&page=2`):
 * shareable, and Back undoes a change or a page turn.
 */
export function MessagesView() {
  const [filter, setFilter] = useMessageFilterUrl();
  const messages = useMessages(filter, useMessagePageUrl());
  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="Messages"
        description="Every message workflows created; refreshes every 3 seconds."
      />
      <MessageFilterBar filter={filter} onChange={setFilter}>
        <ClearFilters shown={filtered} onClear={() => setFilter({})} />
      </MessageFilterBar>
      <MessagesTable
        query={messages}
        empty={{
          title: 'No messages',
          description: filtered
            ? 'No message matches these filters; change or clear them to see more.'
            : 'Messages appear here when a workflow runs: trigger one from its page or POST an event.',
        }}
      />
    </>
  );
}
