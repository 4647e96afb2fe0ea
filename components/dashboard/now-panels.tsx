import Link from 'next/link';
import { DateTime } from '@/components/ui/date-time';
import { ListTable } from '@/components/ui/list-table';
import { formatCount } from './format';
import type { Stats } from './stats-queries';

type Firing = Stats['open_alerts']['rules'][number];
type Lagging = Stats['consumer_lag']['triggers'][number];

/** The alert rules firing now, longest first. */
export function OpenAlerts({ stats }: { stats: Stats }) {
  return (
    <ListTable<Firing>
      label="Open alerts"
      title="Open alerts"
      description={`${formatCount(stats.open_alerts.count)} firing now`}
      rows={stats.open_alerts.rules}
      rowKey={(rule) => rule.id}
      empty={{
        title: 'No alert is firing',
        description: (
          <Link href="/alerts" className="underline">
            Alert rules
          </Link>
        ),
      }}
      columns={[
        {
          id: 'rule',
          header: 'Rule',
          className: 'font-medium text-slate-900',
          cell: (rule) => (
            <Link href={`/alerts/${rule.id}`} className="hover:underline">
              {rule.name}
            </Link>
          ),
        },
        { id: 'kind', header: 'Kind', className: 'text-xs', cell: (rule) => rule.kind.replaceAll('_', ' ') },
        { id: 'since', header: 'Since', cell: (rule) => <DateTime value={rule.firing_since} relativeTime /> },
      ]}
    />
  );
}

/** The triggers whose consumers lag most. */
export function ConsumerLag({ stats }: { stats: Stats }) {
  return (
    <ListTable<Lagging>
      label="Consumer lag"
      title="Consumer lag"
      description="Messages waiting in Kafka topics, per trigger, as its consumers last reported."
      rows={stats.consumer_lag.triggers}
      rowKey={(trigger) => trigger.trigger_id}
      empty={{
        title: 'No consumer reports a lag',
        description: 'Event, schedule and poll triggers show here once a worker runs them.',
      }}
      columns={[
        {
          id: 'trigger',
          header: 'Trigger',
          className: 'font-medium text-slate-900',
          cell: (trigger) => (
            <Link href={`/triggers/${trigger.trigger_id}`} className="hover:underline">
              {trigger.name}
            </Link>
          ),
        },
        {
          id: 'lag',
          header: 'Lag',
          className: 'text-right tabular-nums',
          cell: (trigger) => (trigger.lag === null ? '—' : formatCount(trigger.lag)),
        },
        {
          id: 'errors',
          header: 'Consumers in error',
          className: 'text-right tabular-nums',
          cell: (trigger) => (trigger.errors ? <span className="text-red-700">{trigger.errors}</span> : '0'),
        },
      ]}
    />
  );
}
