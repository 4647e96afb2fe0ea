import type { JobResult } from 'pg-boss';
import { type CachedChannel, cachedChannel } from '../channels/cache';
import { isOutage, transaction } from '../db/sql';
import type { EngineDeps } from '../deps';
import { env } from '../env';
import { logger, withLogFields } from '../logger';
import { recordDeliveries, recordRateLimitWaits } from '../metrics/pipeline';
import type { FetchedJob } from '../queue/job-queue';
import { attemptDelivery, deferredSettlement, type Settlement } from './attempt';
import { heldChannels, holdChannel, localHoldUntil } from './channel-hold';
import { claimMessages, sendingElsewhere } from './claim';
import { channelLimit } from './concurrency';
import { deliveryLogFields } from './delivery-log';
import { knownInvalidRecipients } from './invalid-recipients';
import type { DeliveryJobData } from './jobs';
import { acquireSendSlots, isRateLimited } from './rate-limit';
import { type SettleBatch, settleBatch, withoutProviderAnswers } from './settle';

export interface DeliveryJob extends FetchedJob {
  data: DeliveryJobData;
}

/** Messages this process is sending right now: another job naming one of them waits for the first to settle. */
const inFlight = new Set<string>();

/** How long a message that is being sent elsewhere waits before its job looks again. */
const BUSY_RETRY_MS = 5_000;

/**
 * Handles a fetched batch of delivery jobs (each a chunk of one channel's messages): channel holds (a provider's
 * Retry-After, one round trip for the batch), rate limits per channel (one round trip per window for the whole
 * batch), one statement to claim every message, one to find recipients a push provider condemned earlier (only
 * when the batch has push messages), the sends concurrently (bounded per channel), and one
 * transaction that settles every message, schedules what follows and completes the jobs. Messages that cannot
 * go now (held, rate limited, or being sent by someone else) get a new job for later in that same
 * transaction, so every fetched job completes.
 */
export async function deliverBatch(jobs: DeliveryJob[], deps: EngineDeps): Promise<JobResult[]> {
  const workerId = deps.workerId ?? 'unknown';
  const batch: SettleBatch = { settlements: [], requeue: [], complete: jobs };
  const later = (ids: string[], channelId: string | null, inMs: number) => {
    if (ids.length)
      batch.requeue.push({ messageIds: ids, channelId, startAfter: new Date(Date.now() + inMs) });
  };

  // Each message once; one already in flight here waits.
  const byChannel = new Map<string | null, string[]>();
  const seen = new Set<string>();
  for (const { data } of jobs) {
    const busy: string[] = [];
    for (const id of data.message_ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      if (inFlight.has(id)) busy.push(id);
      else {
        const ids = byChannel.get(data.channel_id);
        if (ids) ids.push(id);
        else byChannel.set(data.channel_id, [id]);
      }
    }
    later(busy, data.channel_id, BUSY_RETRY_MS);
  }

  const channels = new Map<string, CachedChannel | null>();
  const toClaim: string[] = [];
  const rateLimited: { channelId: string; messages: number }[] = [];
  // Channels whose provider asked to wait: their messages come back when the hold ends, untouched.
  const held = await heldChannels(
    deps.db.$client,
    [...byChannel.keys()].filter((id): id is string => id !== null),
  );
  for (const [channelId, ids] of byChannel) {
    const until = channelId ? held.get(channelId) : undefined;
    if (channelId && until !== undefined) {
      later(ids, channelId, Math.max(0, until - Date.now()) + Math.random() * 250);
      rateLimited.push({ channelId, messages: ids.length });
      continue;
    }
    const channel = channelId ? await cachedChannel(channelId) : null;
    if (channelId) channels.set(channelId, channel);
    const loaded = channel && !(channel.forSend instanceof Error) ? channel.forSend : undefined;
    let granted = ids.length;
    let retryInMs = 0;
    if (channelId && loaded?.channel.enabled && isRateLimited(loaded.rateLimit)) {
      ({ granted, retryInMs } = await acquireSendSlots(deps.db, channelId, loaded.rateLimit, ids.length));
    }
    toClaim.push(...ids.slice(0, granted));
    later(ids.slice(granted), channelId, retryInMs + Math.random() * 100);
    if (channelId && granted < ids.length) rateLimited.push({ channelId, messages: ids.length - granted });
  }

  const claimed = await claimMessages(deps.db.$client, toClaim, workerId, env().WORKER_HEARTBEAT_SECONDS * 3);
  const claimedIds = new Set(claimed.map((m) => m.id));
  const elsewhere = await sendingElsewhere(
    deps.db.$client,
    toClaim.filter((id) => !claimedIds.has(id)),
  );
  for (const [channelId, ids] of byChannel) {
    later(
      ids.filter((id) => elsewhere.has(id)),
      channelId,
      BUSY_RETRY_MS,
    );
  }

  for (const m of claimed) inFlight.add(m.id);
  try {
    // Recipients a push provider condemned earlier fail without a request (one statement for the batch).
    const invalid = await knownInvalidRecipients(deps.db.$client, claimed, channels);
    batch.settlements = await Promise.all(
      claimed.map(async (message) => {
        const channel = message.channel_id
          ? (channels.get(message.channel_id) ?? (await cachedChannel(message.channel_id)))
          : null;
        // Whatever the provider or the channel code logs while sending carries the message's ids.
        return withLogFields(deliveryLogFields(message), () =>
          channelLimit(message.channel_id ?? '')(async () => {
            // The provider may have asked this channel to wait while this send queued behind others.
            const until = localHoldUntil(message.channel_id);
            if (until !== undefined) return deferredSettlement(message, until);
            const settlement = await attemptDelivery(channel, message, invalid.get(message.id));
            if (settlement.holdUntil && message.channel_id) {
              await holdChannel(deps.db.$client, message.channel_id, settlement.holdUntil).catch((error) =>
                logger.warn({ err: error, channelId: message.channel_id }, 'channel hold not stored'),
              );
            }
            return settlement;
          }),
        );
      }),
    );
    await settle(deps, workerId, batch);
  } finally {
    for (const m of claimed) inFlight.delete(m.id);
  }
  // After the commit: a batch rolled back is neither counted nor reported as settled.
  for (const r of rateLimited) recordRateLimitWaits(r.channelId, r.messages);
  for (const s of batch.settlements) {
    if (s.outcome === 'deferred' || s.outcome === 'rate_limited')
      recordRateLimitWaits(s.message.channel_id, 1);
  }
  recordDeliveries(
    batch.settlements.filter((s) => s.outcome !== 'deferred').map((s) => settledDelivery(s, channels)),
  );
  logFailures(batch.settlements, channels);
  return jobs.map((job) => ({ id: job.id, status: 'completed' }));
}

/**
 * Settles the batch; when the database refuses it for its data (a constraint, a value it cannot hold — not an
 * outage, which the job's retry is for), settles it again without what the providers answered, so the messages
 * sent are recorded once rather than sent again.
 */
async function settle(deps: EngineDeps, workerId: string, batch: SettleBatch): Promise<void> {
  const settleAs = (b: SettleBatch) =>
    transaction(deps.db.$client, (client) => settleBatch(client, deps.queue, workerId, b));
  try {
    await settleAs(batch);
  } catch (error) {
    if (isOutage(error)) throw error;
    logger.error(
      { err: error, messages: batch.settlements.length },
      "the database refused the batch's settlement; settling it without the providers' answers",
    );
    batch.settlements = withoutProviderAnswers(batch, error as Error).settlements;
    await settleAs(batch);
  }
}

const providerOf = (s: Settlement, channels: Map<string, CachedChannel | null>) =>
  (s.message.channel_id ? channels.get(s.message.channel_id)?.row.provider : undefined) ?? null;

function settledDelivery(s: Settlement, channels: Map<string, CachedChannel | null>) {
  const receivedAt = s.message.event_received_at;
  return {
    channelId: s.message.channel_id,
    provider: providerOf(s, channels),
    // A rate limit waited out leaves the message retrying (counted apart as a rate-limit wait as well).
    outcome: s.outcome === 'rate_limited' || s.outcome === 'deferred' ? ('retrying' as const) : s.outcome,
    // No provider was called for a channel that is missing or disabled (nothing was timed).
    providerSeconds: s.result || s.failure ? s.durationMs / 1000 : undefined,
    eventToSentSeconds:
      s.outcome === 'sent' && receivedAt ? (Date.now() - new Date(receivedAt).getTime()) / 1000 : undefined,
  };
}

/** One `warn` line per delivery that did not go out: why, what the provider answered, and what happens next. */
function logFailures(settlements: Settlement[], channels: Map<string, CachedChannel | null>): void {
  for (const s of settlements) {
    if (s.outcome === 'sent' || s.outcome === 'deferred') continue;
    logger.warn(
      {
        ...deliveryLogFields(s.message),
        provider: providerOf(s, channels),
        attempt: s.message.attempt_count,
        outcome: s.outcome,
        reason: s.error,
        providerStatus: s.result?.responseCode ?? s.failure?.details.responseCode ?? null,
        retryAt: s.retryAt?.toISOString(),
        fallbackChannelId: s.fallbackChannelId ?? undefined,
      },
      `delivery ${s.outcome}`,
    );
  }
}
