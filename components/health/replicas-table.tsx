import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { HealthReport } from './queries';

type Replica = HealthReport['replicas'][number];

const STATE_BADGES: Record<
  Replica['state'],
  { tone: 'success' | 'warning' | 'danger' | 'neutral'; label: string }
> = {
  up: { tone: 'success', label: 'Up' },
  lagging: { tone: 'warning', label: 'Lagging' },
  down: { tone: 'danger', label: 'Down' },
  unknown: { tone: 'neutral', label: 'Not checked yet' },
};

function formatLag(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${seconds.toFixed(1)} s`;
}

/**
 * Read replicas as the web process last checked them. A replica that is down or lags more than
 * REPLICA_MAX_LAG_SECONDS serves nothing until it recovers; the primary answers instead.
 */
export function ReplicasTable({ replicas }: { replicas: HealthReport['replicas'] }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>Read replicas</CardTitle>
        <CardDescription>
          Message and event lists, details and stats read from a healthy replica. They do not affect
          readiness.
        </CardDescription>
      </CardHeader>
      <Table aria-label="Read replicas">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Replica</TableHead>
            <TableHead>State</TableHead>
            <TableHead className="text-right">Lag</TableHead>
            <TableHead>Checked</TableHead>
            <TableHead>Error</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {replicas.map((replica) => {
            const badge = STATE_BADGES[replica.state];
            return (
              <TableRow key={replica.url}>
                <TableCell className="font-mono text-xs text-slate-900">{replica.url}</TableCell>
                <TableCell>
                  <Badge tone={badge.tone} dot>
                    {badge.label}
                  </Badge>
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatLag(replica.lag_seconds)}</TableCell>
                <TableCell>
                  {replica.checked_at ? <DateTime value={replica.checked_at} relativeTime /> : '—'}
                </TableCell>
                <TableCell className="max-w-96 truncate text-red-700" title={replica.error ?? undefined}>
                  {replica.error ?? ''}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Card>
  );
}
