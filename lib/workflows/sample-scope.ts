import { Drop } from 'liquidjs';
import type { RunScope } from './scope';

/**
 * Event data of unknown shape, for rendering a template when a workflow is saved (no event at hand): every
 * property exists and is another sample value, which prints as `0` — a valid JSON number bare and a valid
 * string inside quotes — and loops over nothing. So `{"n": {{ data.n }}, "s": "{{ data.s }}"}` renders to JSON,
 * and a template that cannot (a missing comma, quote or brace) does not, whatever the data.
 */
export class SampleValue extends Drop {
  override liquidMethodMissing(): SampleValue {
    return new SampleValue();
  }
  override valueOf(): number {
    return 0;
  }
  toJSON(): number {
    return 0;
  }
}

/** The scope a saved workflow's templates are checked against: a sample event with sample data. */
export function sampleScope(workflowId = 'sample'): RunScope {
  const data = new SampleValue();
  return {
    event: { id: 'sample', event_type: 'sample', timestamp: new Date(0).toISOString(), data },
    data,
    recipient: 'recipient@example.com',
    events: [],
    run: { id: 'sample', workflow_id: workflowId },
  };
}
