'use client';

import { PageHeader } from '@/components/layout/page-header';
import { ConsumerStatusTable } from '@/components/triggers/consumer-status-table';
import { Alert } from '@/components/ui/alert';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import { CheckCard } from './check-card';
import { useHealth } from './queries';
import { ReplicasTable } from './replicas-table';
import { RetentionCard } from './retention-card';
import { ReadinessBadge } from './status-badges';
import { WorkersTable } from './workers-table';

export function HealthView() {
  const health = useHealth();
  const report = health.data;

  return (
    <>
      <PageHeader
        title="Health"
        description={
          report ? (
            <>
              Checked <DateTime value={report.checked_at} relativeTime />; refreshes every 5 seconds.
            </>
          ) : (
            'Readiness of the database, the queue and the workers.'
          )
        }
        actions={report ? <ReadinessBadge status={report.status} /> : null}
      />
      {health.isError ? (
        <Alert tone="error" title="The health check did not answer">
          {errorMessage(health.error)}
        </Alert>
      ) : null}
      {report ? (
        <>
          <div className="grid gap-4 md:grid-cols-3">
            <CheckCard
              title="Database"
              status={report.database.status}
              facts={[
                [
                  'Latency',
                  report.database.latency_ms === undefined ? '—' : `${report.database.latency_ms} ms`,
                ],
              ]}
              error={report.database.error}
            />
            <CheckCard
              title="Queue"
              status={report.queue.status}
              facts={[['Schema version', report.queue.schema_version ?? '—']]}
              error={report.queue.error}
            />
            <CheckCard
              title="Workers"
              status={report.workers.status}
              facts={[
                ['Live', report.workers.live],
                ['Seen in 24 h', report.workers.items.length],
              ]}
              error={report.workers.live === 0 ? 'no worker is heartbeating' : undefined}
            />
          </div>
          <WorkersTable workers={report.workers.items} />
          {/* Older servers answer without `consumers`. */}
          {report.consumers ? (
            <ConsumerStatusTable
              consumers={report.consumers}
              label="Trigger consumers"
              description="Consumers of event, schedule and poll triggers in each worker. They do not affect readiness."
              showTrigger
              empty={{
                title: 'No trigger consumers',
                description: 'Event, schedule and poll triggers show up here once a worker runs them.',
              }}
            />
          ) : null}
          {report.replicas?.length ? <ReplicasTable replicas={report.replicas} /> : null}
          {report.retention ? <RetentionCard retention={report.retention} /> : null}
        </>
      ) : health.isPending ? (
        <p className="text-sm text-slate-500">Checking health…</p>
      ) : null}
    </>
  );
}
