'use client';

import Link from 'next/link';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { AlertStateBadge } from './alert-state-badge';
import { formatValue, kindLabel } from './kind-label';
import { type AlertRuleView, useAlertRules } from './queries';
import { ToggleAlertRuleButton } from './toggle-alert-rule-button';

const COLUMNS: ListColumn<AlertRuleView>[] = [
  {
    id: 'name',
    header: 'Name',
    className: 'font-medium text-slate-900',
    cell: (rule) => (
      <Link href={`/alerts/${rule.id}`} className="hover:underline">
        {rule.name}
      </Link>
    ),
  },
  { id: 'kind', header: 'Kind', cell: (rule) => kindLabel(rule.kind) },
  { id: 'state', header: 'State', cell: (rule) => <AlertStateBadge rule={rule} /> },
  { id: 'last-value', header: 'Last value', cell: (rule) => formatValue(rule.kind, rule.last_value) },
  {
    id: 'last-evaluated',
    header: 'Last evaluated',
    cell: (rule) =>
      rule.last_evaluated_at ? <DateTime value={rule.last_evaluated_at} relativeTime /> : 'Not yet',
  },
];

export function AlertRulesTable() {
  const isAdmin = useIsAdmin();
  const rules = useAlertRules();
  return (
    <ListTable
      label="Alert rules"
      query={rules}
      columns={[
        ...COLUMNS,
        isAdmin && {
          id: 'actions',
          header: <span className="sr-only">Actions</span>,
          className: 'text-right',
          cell: (rule) => <ToggleAlertRuleButton rule={rule} />,
        },
      ]}
      rowKey={(rule) => rule.id}
      rowHref={(rule) => `/alerts/${rule.id}`}
      loadingLabel="Loading alert rules…"
      empty={{
        title: 'No alert rules yet',
        description:
          'A rule watches error rates, dead letters, consumers, workers or queues and notifies through your channels. Add one with "New alert rule".',
      }}
    />
  );
}
