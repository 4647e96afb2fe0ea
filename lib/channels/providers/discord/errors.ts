import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { alreadyClassified, classifyHttpFailure, classifyNetworkFailure } from '../../classify-failure';
import { DeliveryError } from '../../types';
import { DiscordRateLimited } from './client';

export interface DiscordErrorContext {
  request: Record<string, unknown>;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Discord's answers, by the shared rule (classify-failure.ts): 4xx (401 bad token, 403 missing access or
 * permissions, 404 unknown channel, 400 invalid form body) are permanent and keep Discord's code and message;
 * 429, 5xx and network trouble are retryable.
 */
export function classifyDiscordError(
  error: unknown,
  { request, timeoutMs, signal }: DiscordErrorContext,
): DeliveryError {
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  if (error instanceof DiscordRateLimited) {
    const wait = error.retryAfterMs !== undefined ? `, retry after ${error.retryAfterMs} ms` : '';
    return classifyHttpFailure({
      provider: 'Discord',
      status: 429,
      retryAfter: error.retryAfterMs,
      message: `${error.message}${wait}`,
      request,
      response: { status: 429, ...error.body },
    });
  }
  if (error instanceof RateLimitError) {
    return new DeliveryError(
      `Discord rate limit for ${error.route}: next call allowed in ${error.retryAfter} ms`,
      'retryable',
      { request, retryAfterMs: error.retryAfter },
    );
  }
  if (error instanceof DiscordAPIError) {
    const what = error.status === 401 ? 'Discord refused the bot token' : 'Discord refused the call';
    const reason = error.message.split('\n').slice(0, 5).join('; ');
    return classifyHttpFailure({
      provider: 'Discord',
      status: error.status,
      message: `${what} (HTTP ${error.status}, code ${error.code}): ${reason}`,
      request,
      response: { status: error.status, code: error.code, message: reason },
    });
  }
  if (error instanceof HTTPError) {
    return classifyHttpFailure({
      provider: 'Discord',
      status: error.status,
      message: `Discord answered HTTP ${error.status} ${error.message}`.trim(),
      request,
      response: { status: error.status },
    });
  }
  const classifiedCall = classifyNetworkFailure(error, { provider: 'Discord', timeoutMs, signal, request });
  if (classifiedCall) return classifiedCall;
  const failure = error as NodeJS.ErrnoException;
  const code = failure.code ?? (failure.cause as NodeJS.ErrnoException | undefined)?.code;
  return new DeliveryError(
    `could not reach Discord: ${code ? `${code} ` : ''}(${failure.message})`,
    'retryable',
    { request },
  );
}
