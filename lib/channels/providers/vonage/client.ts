import { Vonage } from '@vonage/server-sdk';
import { assertEndpointAllowed } from '../../endpoint';
import { DeliveryError, type SendContext } from '../../types';
import type { VonageConfig } from './config';

/**
 * An SDK client pointed at the configured REST host. The SDK fetches through node-fetch with no agent option,
 * so the SSRF guard checks the host right before each call instead; its `timeout` aborts the request itself,
 * and it never retries.
 */
export async function vonageClient(config: VonageConfig, ctx: SendContext): Promise<Vonage> {
  await assertEndpointAllowed(config.rest_host, ctx.allowList);
  return new Vonage(
    { apiKey: config.api_key, apiSecret: config.api_secret },
    { restHost: restHost(config), timeout: budgetMs(config, ctx) },
  );
}

export function budgetMs(config: VonageConfig, ctx: SendContext): number {
  return Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
}

/** The SDK appends paths (`${restHost}/sms/json`), so a trailing slash would double. */
export function restHost(config: VonageConfig): string {
  return config.rest_host.replace(/\/+$/, '');
}

/**
 * The SDK cannot take an AbortSignal; when the attempt is cancelled the attempt ends as a retryable failure and
 * the request is left to the SDK's own timeout.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function timeoutError(ms: number): DeliveryError {
  return new DeliveryError(`Vonage did not answer within ${ms} ms`, 'retryable');
}
