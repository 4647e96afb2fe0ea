'use client';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { DebouncedInput } from './debounced-input';
import type { AuditFilter } from './queries';
import { isoToLocal, localToIso } from './time-input';

const RESOURCE_TYPES = [
  'alert_rule',
  'api_key',
  'channel',
  'event',
  'file',
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
  const filtered = Object.values(filter).some(Boolean);
  return (
    <search
      aria-label="Audit log filters"
      className="grid gap-3 sm:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] sm:items-end"
    >
      <Field id="audit-actor" label="Actor">
        <DebouncedInput
          id="audit-actor"
          type="search"
          placeholder="E-mail or key name"
          value={filter.actor}
          onCommit={(actor) => set({ actor })}
        />
      </Field>
      <Field id="audit-action" label="Action">
        <DebouncedInput
          id="audit-action"
          type="search"
          list="audit-actions"
          placeholder="e.g. channel.update"
          value={filter.action}
          onCommit={(action) => set({ action })}
        />
        <datalist id="audit-actions">
          {ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </Field>
      <Field id="audit-resource-type" label="Resource type">
        <Select
          id="audit-resource-type"
          value={filter.resource_type ?? ''}
          onChange={(event) => set({ resource_type: event.target.value || undefined })}
        >
          <option value="">All resources</option>
          {RESOURCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-resource-id" label="Resource id">
        <DebouncedInput
          id="audit-resource-id"
          type="search"
          value={filter.resource_id}
          onCommit={(resource_id) => set({ resource_id })}
        />
      </Field>
      <Field id="audit-from" label="From">
        <Input
          id="audit-from"
          type="datetime-local"
          value={isoToLocal(filter.from)}
          onChange={(event) => set({ from: localToIso(event.target.value) })}
        />
      </Field>
      <Field id="audit-to" label="To">
        <Input
          id="audit-to"
          type="datetime-local"
          value={isoToLocal(filter.to)}
          onChange={(event) => set({ to: localToIso(event.target.value) })}
        />
      </Field>
      {filtered ? (
        <div>
          <Button variant="ghost" onClick={() => onChange({})}>
            Clear filters
          </Button>
        </div>
      ) : null}
    </search>
  );
}
