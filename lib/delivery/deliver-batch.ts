import type { JobResult } from 'pg-boss';
import { type CachedChannel, cachedChannel } from '../channels/cache';
import { transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { env } from '../env';
import { logger } from '../logger';
import type { FetchedJob } from '../queue/job-queue';
import { attemptDelivery, type Settlement } from './attempt';
import { claimMessages, sendingElsewhere } from './claim';
import { channelLimit } from './concurrency';
import { acquireSendSlots, isRateLimited } from './rate-limit';
import { type SettleBatch, settleBatch } from './settle';

export interface DeliveryJob extends FetchedJob {
  data: { message_id: string; channel_id?: string };
}

/** Messages this process is sending right now: a second job for one of them waits for the first to settle. */
const inFlight = new Set<string>();

/**
 * Handles a batch of delivery jobs: rate limits per channel (one round trip per window for the whole batch),
 * one statement to claim the messages, the sends concurrently (bounded per channel), and one transaction that
 * settles every message and completes the jobs. Returns each job's result: completed, or failed (retried by the
 * queue later) when its message is being sent elsewhere at this moment.
 */
export async function deliverBatch(jobs: DeliveryJob[], deps: EngineDeps): Promise<JobResult[]> {
  const workerId = deps.workerId ?? 'unknown';
  const results = new Map<string, JobResult>();
  const later = (job: DeliveryJob, reason: string) =>
    results.set(job.id, { id: job.id, status: 'failed', output: { error: reason } });

  // One job per message; repeats and messages already in flight here wait for a later fetch.
  const primary = new Map<string, DeliveryJob>();
  for (const job of jobs) {
    const id = job.data.message_id;
    if (inFlight.has(id) || primary.has(id)) later(job, 'message is being sent by this worker');
    else primary.set(id, job);
  }

  const channels = new Map<string, CachedChannel | null>();
  for (const channelId of new Set([...primary.values()].map((j) => j.data.channel_id ?? ''))) {
    if (channelId) channels.set(channelId, await cachedChannel(channelId));
  }

  const batch: SettleBatch = { settlements: [], requeue: [], complete: [] };
  const toClaim: string[] = [];
  for (const [channelId, group] of groupBy([...primary.values()], (j) => j.data.channel_id ?? '')) {
    const channel = channels.get(channelId);
    const loaded = channel && !(channel.forSend instanceof Error) ? channel.forSend : undefined;
    let granted = group.length;
    let retryInMs = 0;
    if (loaded?.channel.enabled && isRateLimited(loaded.rateLimit)) {
      ({ granted, retryInMs } = await acquireSendSlots(deps.db, channelId, loaded.rateLimit, group.length));
    }
    for (const [index, job] of group.entries()) {
      if (index < granted) toClaim.push(job.data.message_id);
      else {
        batch.requeue.push({
          messageId: job.data.message_id,
          channelId,
          startAfter: new Date(Date.now() + retryInMs + Math.random() * 100),
        });
        batch.complete.push(job);
      }
    }
  }

  const claimed = await claimMessages(deps.db.$client, toClaim, workerId, env().WORKER_HEARTBEAT_SECONDS * 3);
  const claimedIds = new Set(claimed.map((m) => m.id));
  const busy = await sendingElsewhere(
    deps.db.$client,
    toClaim.filter((id) => !claimedIds.has(id)),
  );
  for (const id of toClaim) {
    const job = primary.get(id)!;
    if (busy.has(id)) later(job, 'message is being sent by another worker; checking again later');
    else batch.complete.push(job);
  }

  for (const m of claimed) inFlight.add(m.id);
  try {
    batch.settlements = await Promise.all(
      claimed.map(async (message) => {
        const channel =
          channels.get(message.channel_id ?? '') ??
          (message.channel_id ? await cachedChannel(message.channel_id) : null);
        return channelLimit(message.channel_id ?? '')(() => attemptDelivery(channel, message));
      }),
    );
    logFailures(batch.settlements);
    await transaction(deps.db.$client, (client) => settleBatch(client, deps.queue, workerId, batch));
  } finally {
    for (const m of claimed) inFlight.delete(m.id);
  }

  for (const job of batch.complete) results.set(job.id, { id: job.id, status: 'completed' });
  return jobs.map((job) => results.get(job.id)!);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function logFailures(settlements: Settlement[]): void {
  for (const s of settlements) {
    if (s.outcome === 'sent') continue;
    logger.warn(
      {
        messageId: s.message.id,
        runId: s.message.run_id,
        channelId: s.message.channel_id,
        attempt: s.message.attempt_count,
        outcome: s.outcome,
        responseCode: s.result?.responseCode ?? s.failure?.details.responseCode,
        retryAt: s.retryAt?.toISOString(),
      },
      `delivery ${s.outcome}: ${s.error}`,
    );
  }
}
