import type { CachedChannel } from '../channels/cache';
import { deliver } from '../channels/deliver';
import { DeliveryError, type SendResult } from '../channels/types';
import { env } from '../env';
import { retryDelayMs } from './backoff';
import { ATTEMPT_TIMEOUT_MS, type ClaimedMessage } from './claim';
import {
  condemnedRecipient,
  type InvalidRecipientReport,
  type KnownInvalidRecipient,
  knownInvalidError,
} from './invalid-recipients';
import { isProviderRateLimit, waitFitsCap } from './provider-rate-limit';

/**
 * How one attempt ended, and what settling it writes. `rate_limited`: the provider asked to wait; tried again
 * at `retryAt` without spending an attempt (its row is on the timeline). `deferred`: not sent at all (its
 * channel is held); tried again at `retryAt`, no attempt, no row.
 */
export interface Settlement {
  message: ClaimedMessage;
  outcome: 'sent' | 'retrying' | 'failed' | 'dead' | 'rate_limited' | 'deferred';
  durationMs: number;
  result?: SendResult;
  error?: string;
  failure?: DeliveryError;
  retryAt?: Date;
  /** Ask the provider for the final status later, in case its callback never comes. */
  pollStatus?: boolean;
  /** Where a message that failed for good goes next (the step's fallback, else the channel's), if anywhere. */
  fallbackChannelId?: string | null;
  /** The message's rate-limit streak start after this attempt (null: the streak, if any, is over). */
  rateLimitedSince?: Date | null;
  /** The provider asked to wait: no send through this channel before this time (epoch ms). */
  holdUntil?: number;
  /** The provider condemned the recipient (an unregistered token, an expired subscription): recorded on settle. */
  invalidRecipient?: InvalidRecipientReport;
}

/** Not sent now because its channel is held until `until` (epoch ms); comes back a little after. */
export function deferredSettlement(message: ClaimedMessage, until: number): Settlement {
  return {
    message,
    outcome: 'deferred',
    durationMs: 0,
    retryAt: new Date(until + Math.random() * 250),
    rateLimitedSince: message.rate_limited_since,
  };
}

/** The step's fallback, else the channel's; a fallback message does not fall back again. */
function fallbackFor(message: ClaimedMessage, channel: CachedChannel | null): string | null {
  if (message.fallback_of_id) return null;
  const id = message.fallback_channel_id ?? channel?.row.fallbackChannelId ?? null;
  return id === message.channel_id ? null : id;
}

/**
 * Sends one claimed message through its channel and classifies the result: sent; rate limited (the provider
 * asked to wait: again after its Retry-After, without spending an attempt, within RATE_LIMIT_MAX_WAIT_SECONDS);
 * retrying with backoff (at least the provider's Retry-After); failed (permanent error); dead (retries used
 * up). A recipient the provider condemned earlier (`knownInvalid`) fails at once, without a request; one it
 * condemns now is reported for the settle to record. Never throws.
 */
export async function attemptDelivery(
  channel: CachedChannel | null,
  message: ClaimedMessage,
  knownInvalid?: KnownInvalidRecipient,
): Promise<Settlement> {
  const fallbackChannelId = fallbackFor(message, channel);
  const unavailable = (error: string): Settlement => ({
    message,
    outcome: 'failed',
    error,
    durationMs: 0,
    fallbackChannelId,
  });
  if (!channel) return unavailable(`channel unavailable: channel ${message.channel_id} no longer exists`);
  const loaded = channel.forSend;
  if (loaded instanceof Error) return unavailable(`channel unavailable: ${loaded.message}`);
  if (!loaded.channel.enabled) return unavailable(`channel "${loaded.channel.name}" is disabled`);
  const validity = loaded.provider.recipientValidity;
  if (knownInvalid) return unavailable(knownInvalidError(validity, knownInvalid));

  const started = performance.now();
  try {
    const result = await deliver(
      loaded,
      {
        id: message.id,
        idempotencyKey: message.idempotency_key,
        to: message.recipient,
        subject: message.subject,
        body: message.body ?? '',
        html: message.html,
        content: message.content,
      },
      { signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), timeoutMs: ATTEMPT_TIMEOUT_MS },
    );
    return {
      message,
      outcome: 'sent',
      result,
      durationMs: performance.now() - started,
      pollStatus: Boolean(loaded.provider.statusPoller && env().STATUS_POLL_MAX_ATTEMPTS > 0),
      rateLimitedSince: null,
    };
  } catch (error) {
    const durationMs = performance.now() - started;
    // deliver() only throws DeliveryErrors; anything else is a bug, retried like a network error.
    const failure =
      error instanceof DeliveryError
        ? error
        : new DeliveryError(`unexpected error: ${(error as Error).message}`, 'retryable');
    let rateLimit: Pick<Settlement, 'rateLimitedSince' | 'holdUntil'> = { rateLimitedSince: null };
    if (isProviderRateLimit(failure)) {
      const now = Date.now();
      const capMs = env().RATE_LIMIT_MAX_WAIT_SECONDS * 1000;
      const waitMs = failure.details.retryAfterMs ?? retryDelayMs(loaded.retryPolicy, message.attempt_count);
      const holdUntil = now + Math.min(waitMs, capMs);
      if (waitFitsCap(message.rate_limited_since, waitMs, capMs, now)) {
        return {
          message,
          outcome: 'rate_limited',
          error: failure.message,
          failure,
          durationMs,
          retryAt: new Date(now + waitMs),
          rateLimitedSince: message.rate_limited_since ?? new Date(now),
          holdUntil,
        };
      }
      // Waited too long already (or asked to wait too long): this one counts as a failed attempt.
      rateLimit = { rateLimitedSince: message.rate_limited_since, holdUntil };
    }
    const exhausted = message.attempt_count >= loaded.retryPolicy.max_attempts;
    if (failure.kind === 'permanent' || exhausted) {
      const condemned = condemnedRecipient(validity, failure, message, loaded.provider.provider);
      return {
        message,
        outcome: failure.kind === 'permanent' ? 'failed' : 'dead',
        error: failure.message,
        failure,
        durationMs,
        fallbackChannelId,
        rateLimitedSince: null,
        ...(rateLimit.holdUntil ? { holdUntil: rateLimit.holdUntil } : {}),
        ...(condemned ? { invalidRecipient: condemned } : {}),
      };
    }
    const delay = retryDelayMs(loaded.retryPolicy, message.attempt_count, failure.details.retryAfterMs ?? 0);
    return {
      message,
      outcome: 'retrying',
      error: failure.message,
      failure,
      durationMs,
      retryAt: new Date(Date.now() + delay),
      ...rateLimit,
    };
  }
}
