'use client';

import { useIsAdmin } from '@/components/layout/viewer-context';
import { CodeBlock, JsonBlock } from '@/components/ui/code-block';
import { DateTime } from '@/components/ui/date-time';
import { EventRuns } from './event-runs';
import type { EventView } from './queries';
import { ReplayEventButton } from './replay-event-button';

/** The payload (or, for invalid events, the raw body and the error), the runs it started, and Replay. */
export function EventDetails({ event }: { event: EventView }) {
  const isAdmin = useIsAdmin();
  return (
    <div className="flex flex-col gap-3 py-1">
      {event.status === 'invalid' && event.error ? (
        <p className="text-sm text-red-700">
          <span className="font-medium">Error:</span> {event.error}
        </p>
      ) : null}
      {event.payload !== null && event.payload !== undefined ? (
        <div className="flex flex-col gap-1">
          <p className="text-xs font-medium text-slate-500">Payload</p>
          <JsonBlock value={event.payload} />
        </div>
      ) : null}
      {event.status === 'invalid' && event.raw !== null ? (
        <div className="flex flex-col gap-1">
          <p className="text-xs font-medium text-slate-500">Raw payload</p>
          <CodeBlock>{event.raw}</CodeBlock>
        </div>
      ) : null}
      {event.status === 'accepted' ? (
        <div className="flex flex-col gap-1.5">
          <div className="flex items-center justify-between gap-2">
            <p className="text-xs font-medium text-slate-500">Runs</p>
            {isAdmin ? <ReplayEventButton eventId={event.id} eventType={event.event_type} /> : null}
          </div>
          <EventRuns eventId={event.id} />
        </div>
      ) : null}
      <p className="text-xs text-slate-500">
        Id <span className="font-mono">{event.id}</span>
        {event.source_id ? (
          <>
            {' '}
            · source id <span className="font-mono">{event.source_id}</span>
          </>
        ) : null}
        {event.occurred_at ? (
          <>
            {' '}
            · occurred <DateTime value={event.occurred_at} />
          </>
        ) : null}
      </p>
    </div>
  );
}
