'use client';

import type { ReactNode } from 'react';
import { DateRangeFilters, FilterBar, SearchFilter, SelectFilter } from '@/components/ui/filter-bar';
import { useNameLookups } from './lookups';
import { MESSAGE_STATUSES } from './message-statuses';
import type { MessageFilter } from './queries';

interface MessageFilterBarProps {
  filter: MessageFilter;
  onChange: (filter: MessageFilter) => void;
  /** Which filters to show; the dead-letter page shows only channel and workflow (what re-drive takes). */
  fields?: readonly FilterField[];
  /** Extra controls at the end of the bar. */
  children?: ReactNode;
}

type FilterField = 'status' | 'channel' | 'workflow' | 'search' | 'dates';
const ALL_FIELDS: readonly FilterField[] = ['status', 'channel', 'workflow', 'search', 'dates'];

export function MessageFilterBar({ filter, onChange, fields = ALL_FIELDS, children }: MessageFilterBarProps) {
  const { channels, workflows } = useNameLookups();
  const show = (field: FilterField) => fields.includes(field);
  const set = (patch: MessageFilter) => onChange({ ...filter, ...patch });
  // A status the list does not offer (a hand-edited URL) is still shown as chosen.
  const statuses =
    filter.status && !(MESSAGE_STATUSES as string[]).includes(filter.status)
      ? [filter.status, ...MESSAGE_STATUSES]
      : MESSAGE_STATUSES;

  return (
    <FilterBar label="Message filters">
      {show('status') ? (
        <SelectFilter
          id="filter-status"
          label="Status"
          allLabel="All statuses"
          options={statuses}
          value={filter.status}
          onChange={(status) => set({ status })}
        />
      ) : null}
      {show('channel') ? (
        <SelectFilter
          id="filter-channel"
          label="Channel"
          allLabel="All channels"
          options={channels.map((channel) => ({ value: channel.id, label: channel.name }))}
          value={filter.channel_id}
          onChange={(channel_id) => set({ channel_id })}
        />
      ) : null}
      {show('workflow') ? (
        <SelectFilter
          id="filter-workflow"
          label="Workflow"
          allLabel="All workflows"
          options={workflows.map((workflow) => ({ value: workflow.id, label: workflow.name }))}
          value={filter.workflow_id}
          onChange={(workflow_id) => set({ workflow_id })}
        />
      ) : null}
      {show('search') ? (
        <SearchFilter
          id="filter-search"
          label="Search"
          placeholder="Recipient, subject, body"
          value={filter.q}
          onChange={(q) => set({ q })}
        />
      ) : null}
      {show('dates') ? (
        <DateRangeFilters idPrefix="filter" from={filter.from} to={filter.to} onChange={set} />
      ) : null}
      {children}
    </FilterBar>
  );
}
