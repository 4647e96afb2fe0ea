'use client';

import { useState } from 'react';
import { useUrlFilter } from '@/components/data/use-url-filter';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { MessageFilterBar } from '@/components/messages/message-filter-bar';
import type { MessageFilter } from '@/components/messages/queries';
import { useMessages } from '@/components/messages/queries';
import { Checkbox } from '@/components/ui/checkbox';
import { rowsFromQuery } from '@/components/ui/list-table';
import { MAX_BULK_LIMIT } from '@/lib/messages/bulk-schemas';
import { BulkActionBar } from './bulk-action-bar';
import { type BulkAction, BulkActionDialog } from './bulk-action-dialog';
import { DeadLettersTable } from './dead-letters-table';
import { type BulkInput, useBulkDiscard, useBulkRedrive, useMessageCount } from './queries';
import { useSelection } from './selection';

const URL_FILTERS = ['channel_id', 'workflow_id', 'q', 'from', 'to', 'failed'] as const;
const BAR_FIELDS = ['channel', 'workflow', 'search', 'dates'] as const;

/**
 * Messages that used up their retries (and, optionally, failed permanently). Admins tick rows, or every message
 * matching the filter, then re-drive or discard them with a reason kept in the audit log. Filters live in the URL.
 */
export function DeadLettersView() {
  const isAdmin = useIsAdmin();
  const [{ failed, ...rest }, setUrlFilter] = useUrlFilter(URL_FILTERS);
  const statuses: ('dead' | 'failed')[] = failed ? ['dead', 'failed'] : ['dead'];
  const filter: MessageFilter = { ...rest, status: statuses.join(',') };
  const messages = useMessages(filter);
  const count = useMessageCount(filter);
  const rows = rowsFromQuery(messages.data);
  const { selection, toggle, setRows, selectAll, clear } = useSelection(JSON.stringify(filter));
  const [action, setAction] = useState<BulkAction | null>(null);
  const redrive = useBulkRedrive();
  const discard = useBulkDiscard();
  const mutation = action === 'discard' ? discard : redrive;

  const allLoadedSelected =
    rows.length > 0 && (selection.all || rows.every((row) => selection.ids.has(row.id)));
  const matching = count.data;
  const target = selection.all
    ? `all ${matching?.capped ? `${MAX_BULK_LIMIT.toLocaleString()} oldest` : (matching?.count ?? 0).toLocaleString()} ${statuses.join(' and ')} messages matching this filter`
    : `${selection.ids.size} selected message${selection.ids.size === 1 ? '' : 's'}`;

  function confirm(reason: string) {
    const body: BulkInput = selection.all
      ? { ...rest, status: statuses, limit: Math.min(matching?.count ?? 1, MAX_BULK_LIMIT) || 1, reason }
      : { ids: [...selection.ids], reason };
    mutation.mutate(body, {
      onSuccess: () => {
        setAction(null);
        clear();
      },
    });
  }

  return (
    <>
      <PageHeader
        title="Dead letters"
        description="Messages that used up their retries. Fix the cause, then re-drive them, or discard what should not be sent."
      />
      <MessageFilterBar
        filter={filter}
        onChange={(next) =>
          setUrlFilter({
            channel_id: next.channel_id,
            workflow_id: next.workflow_id,
            q: next.q,
            from: next.from,
            to: next.to,
            failed,
          })
        }
        fields={BAR_FIELDS}
      >
        <Checkbox
          id="include-failed"
          label="Include failed"
          className="h-8"
          checked={Boolean(failed)}
          onChange={(event) => setUrlFilter({ ...rest, failed: event.target.checked ? '1' : undefined })}
        />
      </MessageFilterBar>
      {isAdmin ? (
        <BulkActionBar
          selection={selection}
          matching={matching}
          allLoadedSelected={allLoadedSelected}
          loadedRows={rows.length}
          onSelectAll={selectAll}
          onClear={clear}
          onAction={(next) => {
            redrive.reset();
            discard.reset();
            setAction(next);
          }}
        />
      ) : null}
      <DeadLettersTable
        query={messages}
        selectable={isAdmin}
        selection={selection}
        allLoadedSelected={allLoadedSelected}
        onToggle={toggle}
        onToggleLoaded={(selected) =>
          setRows(
            rows.map((row) => row.id),
            selected,
          )
        }
        filtered={Object.keys(rest).length > 0}
      />
      <BulkActionDialog
        action={action}
        target={target}
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={confirm}
        onClose={() => setAction(null)}
      />
    </>
  );
}
