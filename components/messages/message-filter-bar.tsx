'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
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

/** `datetime-local` has no zone; the API wants an ISO time with an offset. */
const toIso = (local: string) => {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
};
const toLocal = (iso: string | undefined) => {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function MessageFilterBar({ filter, onChange, fields = ALL_FIELDS, children }: MessageFilterBarProps) {
  const { channels, workflows } = useNameLookups();
  const [search, setSearch] = useState(filter.q ?? '');
  // The search this bar last handed on: a filter that comes back with another one was changed elsewhere (Back,
  // a link, "Clear filters"), and the box shows it; our own search coming back leaves what was typed since.
  const sent = useRef(filter.q);
  const show = (field: FilterField) => fields.includes(field);
  const set = (patch: MessageFilter) => onChange({ ...filter, ...patch });

  useEffect(() => {
    if (filter.q === sent.current) return;
    sent.current = filter.q;
    setSearch(filter.q ?? '');
  }, [filter.q]);

  // Search waits until typing pauses, so the list is not refetched on every key.
  useEffect(() => {
    const q = search.trim() || undefined;
    if (q === filter.q) return;
    const timer = setTimeout(() => {
      sent.current = q;
      onChange({ ...filter, q });
    }, 300);
    return () => clearTimeout(timer);
  }, [search, filter, onChange]);

  return (
    <search
      aria-label="Message filters"
      className="grid gap-3 sm:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] sm:items-end"
    >
      {show('status') ? (
        <Field id="filter-status" label="Status">
          <Select
            id="filter-status"
            value={filter.status ?? ''}
            onChange={(e) => set({ status: e.target.value || undefined })}
          >
            <option value="">All statuses</option>
            {filter.status && !(MESSAGE_STATUSES as string[]).includes(filter.status) ? (
              <option value={filter.status}>{filter.status}</option>
            ) : null}
            {MESSAGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {show('channel') ? (
        <Field id="filter-channel" label="Channel">
          <Select
            id="filter-channel"
            value={filter.channel_id ?? ''}
            onChange={(e) => set({ channel_id: e.target.value || undefined })}
          >
            <option value="">All channels</option>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {show('workflow') ? (
        <Field id="filter-workflow" label="Workflow">
          <Select
            id="filter-workflow"
            value={filter.workflow_id ?? ''}
            onChange={(e) => set({ workflow_id: e.target.value || undefined })}
          >
            <option value="">All workflows</option>
            {workflows.map((workflow) => (
              <option key={workflow.id} value={workflow.id}>
                {workflow.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {show('search') ? (
        <Field id="filter-search" label="Search">
          <Input
            id="filter-search"
            type="search"
            placeholder="Recipient, subject, body"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </Field>
      ) : null}
      {show('dates') ? (
        <>
          <Field id="filter-from" label="From">
            <Input
              id="filter-from"
              type="datetime-local"
              value={toLocal(filter.from)}
              onChange={(e) => set({ from: toIso(e.target.value) })}
            />
          </Field>
          <Field id="filter-to" label="To">
            <Input
              id="filter-to"
              type="datetime-local"
              value={toLocal(filter.to)}
              onChange={(e) => set({ to: toIso(e.target.value) })}
            />
          </Field>
        </>
      ) : null}
      {children}
    </search>
  );
}
