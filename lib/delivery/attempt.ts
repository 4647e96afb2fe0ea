import type { CachedChannel } from '../channels/cache';
import { deliver } from '../channels/deliver';
import { DeliveryError, type SendResult } from '../channels/types';
import { env } from '../env';
import { retryDelayMs } from './backoff';
import { ATTEMPT_TIMEOUT_MS, type ClaimedMessage } from './claim';

/** How one attempt ended, and what settling it writes. */
export interface Settlement {
  message: ClaimedMessage;
  outcome: 'sent' | 'retrying' | 'failed' | 'dead';
  durationMs: number;
  result?: SendResult;
  error?: string;
  failure?: DeliveryError;
  retryAt?: Date;
  /** Ask the provider for the final status later, in case its callback never comes. */
  pollStatus?: boolean;
  /** Where a message that failed for good goes next (the step's fallback, else the channel's), if anywhere. */
  fallbackChannelId?: string | null;
}

/** The step's fallback, else the channel's; a fallback message does not fall back again. */
function fallbackFor(message: ClaimedMessage, channel: CachedChannel | null): string | null {
  if (message.fallback_of_id) return null;
  const id = message.fallback_channel_id ?? channel?.row.fallbackChannelId ?? null;
  return id === message.channel_id ? null : id;
}

/**
 * Sends one claimed message through its channel and classifies the result: sent; retrying with backoff (at
 * least the provider's Retry-After); failed (permanent error); dead (retries used up). Never throws.
 */
export async function attemptDelivery(
  channel: CachedChannel | null,
  message: ClaimedMessage,
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
    };
  } catch (error) {
    const durationMs = performance.now() - started;
    // deliver() only throws DeliveryErrors; anything else is a bug, retried like a network error.
    const failure =
      error instanceof DeliveryError
        ? error
        : new DeliveryError(`unexpected error: ${(error as Error).message}`, 'retryable');
    const exhausted = message.attempt_count >= loaded.retryPolicy.max_attempts;
    if (failure.kind === 'permanent' || exhausted) {
      return {
        message,
        outcome: failure.kind === 'permanent' ? 'failed' : 'dead',
        error: failure.message,
        failure,
        durationMs,
        fallbackChannelId,
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
    };
  }
}
