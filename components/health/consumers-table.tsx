import Link from 'next/link';
import { ConsumerStateBadge } from '@/components/triggers/consumer-state-badge';
import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { HealthReport } from './queries';

/** Trigger consumers (brokers, schedules, pollers) in each worker. Informational: not part of readiness. */
export function ConsumersTable({ consumers }: { consumers: HealthReport['consumers'] }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>Triggers</CardTitle>
        <CardDescription>
          Consumers of event, schedule and poll triggers in each worker. They do not affect readiness.
        </CardDescription>
      </CardHeader>
      {consumers.length === 0 ? (
        <EmptyState
          title="No trigger consumers"
          description="Event, schedule and poll triggers show up here once a worker runs them."
        />
      ) : (
        <Table aria-label="Trigger consumers">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Trigger</TableHead>
              <TableHead>Worker</TableHead>
              <TableHead>State</TableHead>
              <TableHead className="text-right">Lag</TableHead>
              <TableHead>Last error</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {consumers.map((consumer) => (
              <TableRow key={`${consumer.trigger_id}/${consumer.worker_id}`}>
                <TableCell className="font-medium text-slate-900">
                  <Link href={`/triggers/${consumer.trigger_id}`} className="hover:underline">
                    {consumer.trigger_name}
                  </Link>{' '}
                  <span className="text-xs font-normal text-slate-500">{consumer.trigger_type}</span>
                </TableCell>
                <TableCell className="font-mono text-xs">{consumer.worker_id}</TableCell>
                <TableCell>
                  <span className="flex items-center gap-1.5">
                    <ConsumerStateBadge state={consumer.state} />
                    {consumer.current ? null : <Badge tone="neutral">stale</Badge>}
                  </span>
                </TableCell>
                <TableCell className="text-right tabular-nums">{consumer.lag ?? '—'}</TableCell>
                <TableCell
                  className="max-w-96 truncate text-red-700"
                  title={consumer.last_error ?? undefined}
                >
                  {consumer.last_error ?? ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
