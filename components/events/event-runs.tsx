'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import { type EventDetail, useEvent } from './queries';

type Run = EventDetail['runs'][number];

const TONE: Record<Run['status'], 'neutral' | 'success' | 'warning' | 'danger'> = {
  running: 'neutral',
  waiting: 'warning',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

/** The runs an event started, on arrival and by replays, each linking to its workflow. */
export function EventRuns({ eventId }: { eventId: string }) {
  const event = useEvent(eventId);
  if (event.isPending) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (event.isError) return <Alert tone="error">{errorMessage(event.error)}</Alert>;
  const runs = event.data.runs;
  if (runs.length === 0)
    return <p className="text-sm text-slate-500">No run: no trigger matched it (or its workflow was off).</p>;
  return (
    <ul aria-label="Runs it started" className="flex flex-col gap-1.5">
      {runs.map((run) => (
        <li key={run.id} className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={TONE[run.status]} dot>
            {run.status}
          </Badge>
          <Link href={`/workflows/${run.workflow_key}`} className="font-medium hover:underline">
            {run.workflow_name}
          </Link>
          <span className="text-xs text-slate-500">v{run.workflow_version}</span>
          <DateTime value={run.started_at} relativeTime />
          {run.replay_id ? <Badge tone="info">replay</Badge> : null}
          <span className="font-mono text-xs text-slate-500">{run.id}</span>
          {run.error ? <span className="text-xs text-red-700">{run.error}</span> : null}
        </li>
      ))}
    </ul>
  );
}
