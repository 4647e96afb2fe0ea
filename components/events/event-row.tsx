'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CodeBlock, JsonBlock } from '@/components/ui/code-block';
import { DateTime } from '@/components/ui/date-time';
import { TableCell, TableRow } from '@/components/ui/table';
import type { EventView } from './queries';

const COLUMNS = 6;

/** One event; "Details" expands the payload and, for invalid events, the raw body and the error. */
export function EventRow({ event }: { event: EventView }) {
  const [open, setOpen] = useState(false);
  const detailsId = `event-${event.id}-details`;
  return (
    <>
      <TableRow>
        <TableCell>
          <DateTime value={event.created_at} />
        </TableCell>
        <TableCell>{event.source}</TableCell>
        <TableCell className="font-mono text-xs">{event.event_type ?? '—'}</TableCell>
        <TableCell>
          <Badge tone={event.status === 'accepted' ? 'success' : 'danger'} dot>
            {event.status}
          </Badge>
        </TableCell>
        <TableCell className="max-w-80 truncate text-red-700" title={event.error ?? undefined}>
          {event.error ?? ''}
        </TableCell>
        <TableCell className="text-right">
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide' : 'Details'}
          </Button>
        </TableCell>
      </TableRow>
      {open ? (
        <TableRow id={detailsId} className="bg-slate-50/60 hover:bg-slate-50/60">
          <TableCell colSpan={COLUMNS}>
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
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}
