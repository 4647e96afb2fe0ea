import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { HealthReport } from './queries';

export function WorkersTable({ workers }: { workers: HealthReport['workers']['items'] }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>Worker processes</CardTitle>
        <CardDescription>Every worker that sent a heartbeat in the last 24 hours.</CardDescription>
      </CardHeader>
      {workers.length === 0 ? (
        <EmptyState
          title="No workers"
          description={
            <>
              No worker has sent a heartbeat. Start one with <code className="font-mono">npm run worker</code>
              .
            </>
          }
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Worker</TableHead>
              <TableHead>Host</TableHead>
              <TableHead>PID</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Started</TableHead>
              <TableHead>Last seen</TableHead>
              <TableHead>Live</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {workers.map((worker) => (
              <TableRow key={worker.worker_id}>
                <TableCell className="font-mono text-xs text-slate-900">{worker.worker_id}</TableCell>
                <TableCell>{worker.hostname}</TableCell>
                <TableCell className="tabular-nums">{worker.pid}</TableCell>
                <TableCell>{worker.state}</TableCell>
                <TableCell>
                  <DateTime value={worker.started_at} />
                </TableCell>
                <TableCell>
                  <DateTime value={worker.last_seen_at} relativeTime />
                </TableCell>
                <TableCell>
                  {worker.live ? (
                    <Badge tone="success" dot>
                      Live
                    </Badge>
                  ) : (
                    <Badge tone="neutral">Stale</Badge>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
