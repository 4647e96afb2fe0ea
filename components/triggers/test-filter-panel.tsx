'use client';

import { useState } from 'react';
import { parseJsonObject } from '@/components/data/json-text';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage } from '@/lib/client/api';
import { type TestFilterInput, useTestFilter } from './queries';

const SAMPLE_EVENT = '{\n  "event_type": "user.created",\n  "data": { "plan": "pro" }\n}';

/** Checks the filter being edited against a sample event, on the server, before anything is saved. */
export function TestFilterPanel({ filterText }: { filterText: string }) {
  const test = useTestFilter();
  const [event, setEvent] = useState(SAMPLE_EVENT);
  const [localError, setLocalError] = useState<string>();

  function run() {
    test.reset();
    const filter = parseJsonObject(filterText);
    const sample = parseJsonObject(event);
    if (!filter.ok) return setLocalError(`Filter ${filter.error}`);
    if (!sample.ok) return setLocalError(`Sample event ${sample.error}`);
    setLocalError(undefined);
    test.mutate({ filter: filter.value, event: sample.value } as TestFilterInput);
  }

  return (
    <div className="flex flex-col gap-3 rounded-md border border-dashed border-slate-300 p-3">
      <Field
        id="trigger-sample-event"
        label="Sample event (JSON)"
        hint='As POSTed to /api/v1/events: {"event_type", "timestamp", "data"}.'
      >
        <Textarea
          id="trigger-sample-event"
          rows={5}
          spellCheck={false}
          className="font-mono text-xs"
          value={event}
          onChange={(e) => setEvent(e.target.value)}
          {...describedBy('trigger-sample-event', undefined, true)}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={run} disabled={test.isPending}>
          {test.isPending ? 'Testing…' : 'Test filter'}
        </Button>
        {test.data ? (
          <span role="status">
            <Badge tone={test.data.matches ? 'success' : 'warning'} dot>
              {test.data.matches ? 'Matches' : 'Does not match'}
            </Badge>
          </span>
        ) : null}
      </div>
      {localError ? <Alert tone="error">{localError}</Alert> : null}
      {test.isError ? <Alert tone="error">{errorMessage(test.error)}</Alert> : null}
    </div>
  );
}
