import { randomUUID } from 'node:crypto';
import { channelLookup } from '../channels/cache';
import { runScope, type ScopeEvent } from '../workflows/scope';
import { planRun, sendChannelIds } from './plan-run';
import type { NewRun } from './write-runs';

export interface RunRequest {
  workflow: { id: string; version: number; steps: unknown[] };
  /** The event that started the run, if any: templates see its id, type and time. */
  event?: ScopeEvent | null;
  triggerId?: string | null;
  data: unknown;
  recipient?: unknown;
  /** The API request that started it, kept in the run's context so its deliveries can log it. */
  requestId?: string | null;
}

export interface StartedRun {
  workflow_id: string;
  run_id: string;
}

/**
 * New runs, advanced through every step that can run now (sends render their messages, conditions decide) up
 * to the first delay or digest. Pure CPU and cached reads: the caller plans before it opens its transaction,
 * then writes the runs with insertRuns.
 */
export async function planNewRuns(requests: RunRequest[], now = new Date()): Promise<NewRun[]> {
  if (requests.length === 0) return [];
  const channel = await channelLookup(requests.flatMap((r) => sendChannelIds(r.workflow.steps)));
  return Promise.all(
    requests.map(async (request) => {
      const id = randomUUID();
      const workflowId = request.workflow.id;
      const recipient = request.recipient ?? null;
      const scope = runScope(
        { id, workflowId, data: request.data, recipient, context: null },
        request.event ?? undefined,
      );
      const plan = await planRun({ id, workflowId, steps: request.workflow.steps, scope }, 0, channel, now);
      return {
        id,
        workflowId,
        workflowVersion: request.workflow.version,
        eventId: request.event?.id ?? null,
        triggerId: request.triggerId ?? null,
        data: request.data,
        recipient,
        steps: request.workflow.steps,
        plan,
        requestId: request.requestId ?? null,
      };
    }),
  );
}

export const startedRun = (run: NewRun): StartedRun => ({ workflow_id: run.workflowId, run_id: run.id });
