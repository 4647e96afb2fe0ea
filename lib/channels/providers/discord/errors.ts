import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { DeliveryError } from '../../types';
import { DiscordRateLimited } from './client';

export interface DiscordErrorContext {
  request: Record<string, unknown>;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Discord's answers: 4xx (401 bad token, 403 missing access/permissions, 404 unknown channel, 400 invalid form
 * body) are permanent and keep Discord's code and message; 429, 5xx and network trouble are retryable.
 */
export function classifyDiscordError(
  error: unknown,
  { request, timeoutMs, signal }: DiscordErrorContext,
): DeliveryError {
  if (error instanceof DeliveryError) {
    error.details.request ??= request;
    return error;
  }
  if (error instanceof DiscordRateLimited) {
    const wait = error.retryAfterMs !== undefined ? `, retry after ${error.retryAfterMs} ms` : '';
    return new DeliveryError(`${error.message}${wait}`, 'retryable', {
      responseCode: 429,
      request,
      response: { status: 429, ...error.body },
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
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
    return new DeliveryError(`${what} (HTTP ${error.status}, code ${error.code}): ${reason}`, 'permanent', {
      responseCode: error.status,
      request,
      response: { status: error.status, code: error.code, message: reason },
    });
  }
  if (error instanceof HTTPError) {
    return new DeliveryError(`Discord answered HTTP ${error.status} ${error.message}`.trim(), 'retryable', {
      responseCode: error.status,
      request,
      response: { status: error.status },
    });
  }
  const failure = error as NodeJS.ErrnoException;
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError') {
    const aborted = signal.aborted && (signal.reason as Error | undefined)?.name !== 'TimeoutError';
    return new DeliveryError(
      aborted ? 'the call to Discord was aborted' : `no answer from Discord within ${timeoutMs} ms`,
      'retryable',
      { request },
    );
  }
  const code = failure.code ?? (failure.cause as NodeJS.ErrnoException | undefined)?.code;
  return new DeliveryError(
    `could not reach Discord: ${code ? `${code} ` : ''}(${failure.message})`,
    'retryable',
    { request },
  );
}
