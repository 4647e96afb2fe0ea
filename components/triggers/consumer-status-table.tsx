import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ConsumerStateBadge } from './consumer-state-badge';
import type { TriggerStatusView } from './queries';

/** Each worker's consumer of this trigger, as the detail page polls it. */
export function ConsumerStatusTable({ status }: { status: TriggerStatusView[] }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>Consumers</CardTitle>
        <CardDescription>Each worker running this trigger; refreshes every 3 seconds.</CardDescription>
      </CardHeader>
      {status.length === 0 ? (
        <EmptyState
          title="No worker runs this trigger"
          description="An enabled trigger starts in every live worker within a few seconds."
        />
      ) : (
        <Table aria-label="Consumers">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Worker</TableHead>
              <TableHead>State</TableHead>
              <TableHead className="text-right">Lag</TableHead>
              <TableHead>Last message</TableHead>
              <TableHead>Last error</TableHead>
              <TableHead>Reported</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {status.map((row) => (
              <TableRow key={row.worker_id}>
                <TableCell className="font-mono text-xs text-slate-900">{row.worker_id}</TableCell>
                <TableCell>
                  <span className="flex items-center gap-1.5">
                    <ConsumerStateBadge state={row.state} />
                    {row.current ? null : <Badge tone="neutral">stale</Badge>}
                  </span>
                </TableCell>
                <TableCell className="text-right tabular-nums">{row.lag ?? '—'}</TableCell>
                <TableCell>
                  <DateTime value={row.last_message_at} relativeTime />
                </TableCell>
                <TableCell className="max-w-80 truncate text-red-700" title={row.last_error ?? undefined}>
                  {row.last_error ?? ''}
                </TableCell>
                <TableCell>
                  <DateTime value={row.updated_at} relativeTime />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
