'use client';

import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { MessageFilterBar } from './message-filter-bar';
import { MessagesTable } from './messages-table';
import { useMessages } from './queries';
import { useMessageFilterUrl } from './use-message-filter-url';

/**
 * Every message, filtered, refreshed every 3 seconds; pages of 50 from the server (keyset cursor, "Load more").
 * The filters and the search live in the URL (`?status=dead&q=invoice`): shareable, and Back undoes a change.
 */
export function MessagesView() {
  const [filter, setFilter] = useMessageFilterUrl();
  const messages = useMessages(filter);
  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="Messages"
        description="Every message workflows created; refreshes every 3 seconds."
      />
      <MessageFilterBar filter={filter} onChange={setFilter}>
        {filtered ? (
          <div>
            <Button variant="ghost" onClick={() => setFilter({})}>
              Clear filters
            </Button>
          </div>
        ) : null}
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
