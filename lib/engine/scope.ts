import type { schema } from '../db';

type RunRow = typeof schema.workflowRuns.$inferSelect;
type EventRow = typeof schema.events.$inferSelect;

/** What templates and condition filters see: `{event, data, recipient, events?}`. */
export interface RunScope {
  event: { id: string | null; event_type: string | null; timestamp: string | null; data: unknown };
  data: unknown;
  recipient: unknown;
  /** Events collected by a digest step (in arrival order); absent before a digest. */
  events?: unknown[];
  run: { id: string; workflow_id: string };
}

export function runScope(run: RunRow, event: EventRow | undefined): RunScope {
  const digest = (run.context as { events?: unknown[] } | null)?.events;
  return {
    event: {
      id: event?.id ?? null,
      event_type: event?.eventType ?? null,
      timestamp: event?.occurredAt?.toISOString() ?? null,
      data: run.data,
    },
    data: run.data,
    recipient: run.recipient ?? null,
    ...(digest ? { events: digest } : {}),
    run: { id: run.id, workflow_id: run.workflowId },
  };
}
