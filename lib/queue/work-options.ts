import type { WorkOptions } from 'pg-boss';
import { env } from '../env';
import { QUEUES, type QueueName } from './queues';

/**
 * How a worker fetches each queue: WORKER_FETCHERS fetch loops per queue, woken by NOTIFY within milliseconds
 * and polling only as the fallback. Delivery jobs are fetched WORKER_BATCH_SIZE at a time (each carries up to
 * 100 messages of one channel); step, digest and status-poll jobs (one item each) 50 at a time. The delivery
 * benchmark's bare pg-boss baseline uses these same options, so the two are compared like for like.
 */
export function workOptions(queue: QueueName): WorkOptions {
  const config = env();
  return {
    batchSize: queue === QUEUES.deliver ? config.WORKER_BATCH_SIZE : 50,
    localConcurrency: config.WORKER_FETCHERS,
    burstWhenBatchFull: true,
    pollingIntervalSeconds: 0.5,
    notifyPollingIntervalSeconds: 1,
  };
}
