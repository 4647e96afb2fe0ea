'use client';

import { useNameLookups } from '@/components/messages/lookups';
import { messageColumns } from '@/components/messages/messages-table';
import type { MessageView } from '@/components/messages/queries';
import { RetryMessageButton } from '@/components/messages/retry-message-button';
import { type ListColumn, type ListQuery, ListTable } from '@/components/ui/list-table';
import { isSelected, type Selection } from './selection';

const checkboxClasses = 'size-4 rounded border-slate-300 accent-slate-900 align-middle';

interface DeadLettersTableProps {
  query: ListQuery<MessageView>;
  /** Admins get a checkbox per row and a Retry button; viewers only read. */
  selectable: boolean;
  selection: Selection;
  allLoadedSelected: boolean;
  onToggle: (id: string) => void;
  onToggleLoaded: (selected: boolean) => void;
  filtered: boolean;
}

export function DeadLettersTable(props: DeadLettersTableProps) {
  const { query, selectable, selection, allLoadedSelected, onToggle, onToggleLoaded, filtered } = props;
  const lookups = useNameLookups();
  const select: ListColumn<MessageView> = {
    id: 'select',
    header: (
      <input
        type="checkbox"
        aria-label="Select every message on this page"
        className={checkboxClasses}
        checked={allLoadedSelected}
        onChange={(event) => onToggleLoaded(event.target.checked)}
        disabled={selection.all}
      />
    ),
    className: 'w-8',
    cell: (message) => (
      <input
        type="checkbox"
        aria-label={`Select message to ${message.recipient || message.id}`}
        className={checkboxClasses}
        checked={isSelected(selection, message.id)}
        onChange={() => onToggle(message.id)}
        disabled={selection.all}
      />
    ),
  };
  const retry: ListColumn<MessageView> = {
    id: 'retry',
    header: <span className="sr-only">Actions</span>,
    className: 'text-right',
    cell: (message) => <RetryMessageButton messageId={message.id} />,
  };
  return (
    <ListTable
      label="Dead letters"
      query={query}
      columns={[selectable && select, ...messageColumns(lookups), selectable && retry]}
      rowKey={(message) => message.id}
      rowHref={(message) => `/messages/${message.id}`}
      loadingLabel="Loading dead letters…"
      empty={{
        title: 'No dead letters',
        description: filtered
          ? 'No dead letter matches these filters; change or clear them to see more.'
          : 'Every message was delivered or is still being tried.',
      }}
    />
  );
}
