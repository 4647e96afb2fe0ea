'use client';

import {
  ClearFilters,
  DateRangeFilters,
  FilterBar,
  SearchFilter,
  SelectFilter,
} from '@/components/ui/filter-bar';
import type { AuditFilter } from './queries';

const RESOURCE_TYPES = [
  'alert_rule',
  'api_key',
  'channel',
  'event',
  'file',
  'invalid_recipient',
  'message',
  'trigger',
  'user',
  'workflow',
];

/** The actions the API records, offered as suggestions (any exact action can be typed). */
const ACTIONS = [
  ...['channel', 'workflow', 'trigger', 'alert_rule', 'user'].flatMap((type) =>
    ['create', 'update', 'delete'].map((verb) => `${type}.${verb}`),
  ),
  'workflow.restore',
  'channel.test',
  'api_key.create',
  'api_key.revoke',
  'user.setup',
  'file.upload',
  'file.delete',
  'invalid_recipient.delete',
  'message.retry',
  'message.redrive',
  'message.discard',
  'event.replay',
];

interface AuditFilterBarProps {
  filter: AuditFilter;
  onChange: (filter: AuditFilter) => void;
}

export function AuditFilterBar({ filter, onChange }: AuditFilterBarProps) {
  const set = (patch: AuditFilter) => onChange({ ...filter, ...patch });
  return (
    <FilterBar label="Audit log filters">
      <SearchFilter
        id="audit-actor"
        label="Actor"
        placeholder="E-mail or key name"
        value={filter.actor}
        onChange={(actor) => set({ actor })}
      />
      <SearchFilter
        id="audit-action"
        label="Action"
        placeholder="e.g. channel.update"
        suggestions={ACTIONS}
        value={filter.action}
        onChange={(action) => set({ action })}
      />
      <SelectFilter
        id="audit-resource-type"
        label="Resource type"
        allLabel="All resources"
        options={RESOURCE_TYPES}
        value={filter.resource_type}
        onChange={(resource_type) => set({ resource_type })}
      />
      <SearchFilter
        id="audit-resource-id"
        label="Resource id"
        value={filter.resource_id}
        onChange={(resource_id) => set({ resource_id })}
      />
      <DateRangeFilters idPrefix="audit" from={filter.from} to={filter.to} onChange={set} />
      <ClearFilters shown={Object.values(filter).some(Boolean)} onClear={() => onChange({})} />
    </FilterBar>
  );
}
