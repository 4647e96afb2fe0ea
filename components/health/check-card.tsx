import type { ReactNode } from 'react';
import { Card, CardContent, CardTitle } from '@/components/ui/card';
import { CheckBadge } from './status-badges';

interface CheckCardProps {
  title: string;
  status: 'ok' | 'down';
  /** Label–value pairs shown under the status. */
  facts: [string, ReactNode][];
  error?: string;
}

/** One readiness check (database, queue, workers): its status, a few facts and the error when down. */
export function CheckCard({ title, status, facts, error }: CheckCardProps) {
  return (
    <Card>
      <CardContent className="flex flex-col gap-3 py-4">
        <div className="flex items-center justify-between gap-2">
          <CardTitle>{title}</CardTitle>
          <CheckBadge status={status} />
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="text-right font-medium text-slate-900 tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        {error ? <p className="rounded-md bg-red-50 px-2 py-1.5 text-xs text-red-700">{error}</p> : null}
      </CardContent>
    </Card>
  );
}
