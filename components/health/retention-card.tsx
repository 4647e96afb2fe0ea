import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import type { HealthReport } from './queries';

const days = (value: number | null) => (value === null ? 'kept forever' : `${value} days`);

/** The retention limits and the daily job's latest run: when, what it deleted, how it ended. */
export function RetentionCard({ retention }: { retention: HealthReport['retention'] }) {
  const run = retention.last_run;
  const deleted = run ? Object.entries(run.deleted) : [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Retention</CardTitle>
        <CardDescription>
          Events {days(retention.events_days)}; finished messages {days(retention.messages_days)}. Runs daily.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-2 text-sm">
        {run ? (
          <>
            <div className="flex items-center justify-between gap-2">
              <span className="text-slate-600">
                Last run <DateTime value={run.started_at} relativeTime />
              </span>
              {run.error ? (
                <Badge tone="danger" dot>
                  Failed
                </Badge>
              ) : run.finished_at ? (
                <Badge tone="success" dot>
                  Finished
                </Badge>
              ) : (
                <Badge tone="info" dot>
                  Running
                </Badge>
              )}
            </div>
            <dl
              className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1"
              aria-label="Rows deleted by the last run"
            >
              {deleted.length === 0 ? <dt className="text-slate-500">Nothing deleted</dt> : null}
              {deleted.map(([table, count]) => (
                <div key={table} className="contents">
                  <dt className="text-slate-500">{table}</dt>
                  <dd className="text-right font-medium text-slate-900 tabular-nums">
                    {count.toLocaleString()}
                  </dd>
                </div>
              ))}
            </dl>
            {run.error ? (
              <p className="rounded-md bg-red-50 px-2 py-1.5 text-xs text-red-700">{run.error}</p>
            ) : null}
          </>
        ) : (
          <p className="text-slate-500">No retention run yet.</p>
        )}
      </CardContent>
    </Card>
  );
}
