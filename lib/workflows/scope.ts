import type { schema } from '../db';

type RunRow = typeof schema.workflowRuns.$inferSelect;

/** What templates and condition filters see: `{event, data, recipient, events?}`. */
export interface RunScope {
  event: { id: string | null; event_type: string | null; timestamp: string | null; data: unknown };
  data: unknown;
  recipient: unknown;
  /** Events collected by a digest step (in arrival order); absent before a digest. */
  events?: unknown[];
  run: { id: string; workflow_id: string };
}

/** The event a run was started by, as far as templates see it. */
export interface ScopeEvent {
  id: string;
  eventType: string | null;
  occurredAt: Date | null;
}

export function runScope(
  run: Pick<RunRow, 'id' | 'workflowId' | 'data' | 'recipient' | 'context'>,
  event: ScopeEvent | undefined,
): RunScope {
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
