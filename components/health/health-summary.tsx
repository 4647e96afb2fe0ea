'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { errorMessage } from '@/lib/client/api';
import { useHealth } from './queries';
import { CheckBadge, ReadinessBadge } from './status-badges';

/** The dashboard's one-card view of the health report. */
export function HealthSummary() {
  const health = useHealth();
  const report = health.data;

  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>Readiness</CardTitle>
        {report ? <ReadinessBadge status={report.status} /> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {health.isError ? <Alert tone="error">{errorMessage(health.error)}</Alert> : null}
        {report ? (
          <ul className="flex flex-col gap-2 text-sm">
            <li className="flex items-center justify-between gap-2">
              <span className="text-slate-600">Database</span>
              <CheckBadge status={report.database.status} />
            </li>
            <li className="flex items-center justify-between gap-2">
              <span className="text-slate-600">Queue</span>
              <CheckBadge status={report.queue.status} />
            </li>
            <li className="flex items-center justify-between gap-2">
              <span className="text-slate-600">Workers</span>
              <span className="flex items-center gap-2">
                <span className="text-xs text-slate-500 tabular-nums">{report.workers.live} live</span>
                <CheckBadge status={report.workers.status} />
              </span>
            </li>
          </ul>
        ) : health.isPending ? (
          <p className="text-sm text-slate-500">Checking health…</p>
        ) : null}
        <Link
          href="/health"
          className="text-xs font-medium text-slate-600 hover:text-slate-900 hover:underline"
        >
          All checks and workers <span aria-hidden>→</span>
        </Link>
      </CardContent>
    </Card>
  );
}
