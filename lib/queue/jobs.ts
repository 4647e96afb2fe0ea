import { z } from 'zod';
import { deliverMessage } from '../engine/deliver';
import type { EngineDeps } from '../engine/ports';
import { flushDigest, runWorkflowSteps } from '../engine/run-steps';
import { pollMessageStatus } from '../engine/status-poll';
import { QUEUES, type QueueName } from './queues';

/** Jobs are data: a queue, the schema of its payload, and the lib/ function that handles one payload. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: QueueName;
  schema: S;
  handle(data: z.output<S>, deps: EngineDeps): Promise<void>;
}

const define = <S extends z.ZodType>(job: JobDefinition<S>) => job as unknown as JobDefinition;

export const JOBS: JobDefinition[] = [
  define({
    queue: QUEUES.step,
    schema: z.object({ run_id: z.uuid(), step_index: z.number().int().min(0) }),
    handle: (data, deps) => runWorkflowSteps(data.run_id, data.step_index, deps),
  }),
  define({
    queue: QUEUES.digest,
    schema: z.object({ workflow_id: z.uuid(), step_index: z.number().int().min(0), digest_key: z.string() }),
    handle: (data, deps) => flushDigest(data.workflow_id, data.step_index, data.digest_key, deps),
  }),
  define({
    queue: QUEUES.statusPoll,
    schema: z.object({ message_id: z.uuid(), attempt: z.number().int().min(1) }),
    handle: (data, deps) => pollMessageStatus(data.message_id, data.attempt, deps),
  }),
  define({
    queue: QUEUES.deliver,
    schema: z.object({ message_id: z.uuid() }),
    handle: (data, deps) => deliverMessage(data.message_id, deps),
  }),
];
