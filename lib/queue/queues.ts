import type { Queue } from 'pg-boss';

/**
 * The job queues. Jobs here are only ever created inside the transaction that wrote the row they act on
 * (pg-boss `fromDrizzle`), and every handler re-reads that row first, so a job that runs twice is harmless.
 *
 * `retryLimit` covers crashes (a worker killed mid-job: pg-boss notices the missed heartbeat and retries);
 * delivery retries with backoff are our own, decided per channel policy, as new jobs.
 */
export const QUEUES = {
  step: 'workflow-step',
  digest: 'workflow-digest',
  deliver: 'message-deliver',
  statusPoll: 'message-status-poll',
  retention: 'maintenance-retention',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const common: Omit<Queue, 'name'> = {
  notify: true,
  heartbeatSeconds: 10,
  retryLimit: 20,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 60,
  expireInSeconds: 120,
};

export const QUEUE_OPTIONS: Record<QueueName, Omit<Queue, 'name'>> = {
  [QUEUES.step]: common,
  // `short`: at most one queued flush per digest key; events arriving meanwhile join that flush.
  [QUEUES.digest]: { ...common, policy: 'short' },
  [QUEUES.deliver]: common,
  [QUEUES.statusPoll]: common,
  // Daily (lib/maintenance/schedule.ts). `exclusive`: a run still going when the next is due is not doubled.
  // A large first clean-up may take a while; the heartbeat shows it is alive meanwhile.
  [QUEUES.retention]: { ...common, policy: 'exclusive', retryLimit: 1, expireInSeconds: 4 * 3600 },
};
