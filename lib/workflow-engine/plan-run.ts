import { createHash, randomUUID } from 'node:crypto';
import type { MessageDraft } from '../messages/write';
import type { NewJob } from '../queue/job-queue';
import { QUEUES, type QueueName } from '../queue/queues';
import type { RunScope } from '../workflows/scope';
import { type Step, type StepOutcome, stepDefinition, stepSchema } from '../workflows/steps';
import type { StepChannel } from '../workflows/steps/types';

type ParsedStep = { step: Step } | { error: string };
const parsedByWorkflow = new WeakMap<unknown[], ParsedStep[]>();

/**
 * A workflow's steps, validated once per steps array: runs of the same workflow share the array (it comes from
 * the configuration cache), and validating a step parses its templates, which is not worth doing per event.
 */
function parsedSteps(steps: unknown[]): ParsedStep[] {
  let parsed = parsedByWorkflow.get(steps);
  if (!parsed) {
    parsed = steps.map((raw) => {
      const result = stepSchema.safeParse(raw);
      return result.success ? { step: result.data } : { error: result.error.message };
    });
    parsedByWorkflow.set(steps, parsed);
  }
  return parsed;
}

/** Stable per run, step and recipient: the unique key that makes a re-run of a step create nothing new. */
export function messageIdempotencyKey(runId: string, stepIndex: number, recipient: string): string {
  return createHash('sha256').update(`${runId}\u0000${stepIndex}\u0000${recipient}`).digest('hex');
}

/** Where a run stands after the steps that could run now, and what that wrote. */
export interface RunPlan {
  status: 'running' | 'waiting' | 'completed' | 'failed';
  currentStep: number;
  digestKey: string | null;
  error: string | null;
  finished: boolean;
  messages: MessageDraft[];
  /** Step jobs (resume after a delay) and digest jobs (close a digest window). */
  jobs: { queue: QueueName; job: NewJob }[];
}

export interface RunToPlan {
  id: string;
  workflowId: string;
  steps: unknown[];
  scope: RunScope;
}

/** The channels a workflow's send steps name: what the planner's channel lookup must cover. */
export function sendChannelIds(steps: unknown[]): string[] {
  return steps.flatMap((raw) => {
    const step = raw as { type?: unknown; channel_id?: unknown };
    return step.type === 'send' && typeof step.channel_id === 'string' ? [step.channel_id] : [];
  });
}

/** What the planner needs to know of a channel: whether it exists, needs a recipient, has a default body. */
export type ChannelLookup = (id: string) => StepChannel | undefined;

/**
 * Runs a workflow's steps from `from` for as long as they can run now, without I/O: send steps render their
 * messages, conditions decide, and the first delay or digest parks the run with the job that resumes it. The
 * caller writes the plan in one transaction, so a run's progress, its messages and their jobs commit together.
 */
export async function planRun(
  run: RunToPlan,
  from: number,
  channel: ChannelLookup,
  now = new Date(),
): Promise<RunPlan> {
  const plan: RunPlan = {
    status: 'running',
    currentStep: from,
    digestKey: null,
    error: null,
    finished: false,
    messages: [],
    jobs: [],
  };
  const end = (status: 'completed' | 'failed', error: string | null = null) => {
    plan.status = status;
    plan.error = error;
    plan.finished = true;
    return plan;
  };
  for (let index = from; ; index++) {
    plan.currentStep = index;
    if (index >= run.steps.length) return end('completed');
    const parsed = parsedSteps(run.steps)[index]!;
    if ('error' in parsed) return end('failed', `step ${index} is invalid: ${parsed.error}`);
    const { step } = parsed;
    const outcome = await stepDefinition(step.type).execute(step, { scope: run.scope, index, now, channel });
    switch (outcome.kind) {
      case 'next':
        if (outcome.send) plan.messages.push(...toMessages(run, index, outcome.send));
        continue;
      case 'end':
        return end('completed');
      case 'fail':
        return end('failed', outcome.error);
      case 'wait':
        plan.status = 'waiting';
        plan.currentStep = index + 1;
        plan.jobs.push({
          queue: QUEUES.step,
          job: { data: { run_id: run.id, step_index: index + 1 }, startAfter: outcome.until },
        });
        return plan;
      case 'digest':
        plan.status = 'waiting';
        plan.digestKey = outcome.key;
        plan.jobs.push({
          queue: QUEUES.digest,
          job: {
            data: { workflow_id: run.workflowId, step_index: index, digest_key: outcome.key },
            singletonKey: `${run.workflowId}:${outcome.key}`,
            startAfter: outcome.until,
          },
        });
        return plan;
    }
  }
}

function toMessages(
  run: RunToPlan,
  stepIndex: number,
  send: NonNullable<Extract<StepOutcome, { kind: 'next' }>['send']>,
): MessageDraft[] {
  return send.messages.map((m) => ({
    id: randomUUID(),
    runId: run.id,
    workflowId: run.workflowId,
    channelId: send.channelId,
    stepIndex,
    fallbackChannelId: send.fallbackChannelId,
    recipient: m.recipient,
    idempotencyKey: messageIdempotencyKey(run.id, stepIndex, m.recipient),
    content: send.content ?? null,
    ...(m.error !== undefined
      ? { subject: null, body: '', html: null, status: 'failed' as const, lastError: m.error }
      : { subject: m.subject, body: m.body, html: m.html, status: 'queued' as const, lastError: null }),
  }));
}
