import type { Client } from '@vonage/server-client';
import { Vonage } from '@vonage/server-sdk';
import type { VetchOptions } from '@vonage/vetch';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import { guardedFetch } from '../../../outbound/guarded-agents';
import { DeliveryError, type SendContext } from '../../types';
import type { VonageConfig } from './config';

/**
 * An SDK client pointed at the configured REST host; its `timeout` aborts the request itself, and it never
 * retries. The SDK fetches through node-fetch with no agent option, so the clients Switchboard calls (`sms`,
 * `accounts`) get their transport method, `sendRequest`, replaced by the same steps over the SSRF-guarded
 * fetch: every connection and redirect hop is checked on the socket actually connected.
 */
export async function vonageClient(config: VonageConfig, ctx: SendContext): Promise<Vonage> {
  await assertEndpointAllowed(config.rest_host, ctx.allowList);
  const vonage = new Vonage(
    { apiKey: config.api_key, apiSecret: config.api_secret },
    { restHost: restHost(config), timeout: budgetMs(config, ctx) },
  );
  for (const client of [vonage.sms, vonage.accounts]) guardTransport(client, ctx, budgetMs(config, ctx));
  return vonage;
}

/** The protected steps of `Client.sendRequest` that the replacement reuses. */
interface ClientSteps {
  prepareRequest(request: VetchOptions): Promise<VetchOptions>;
  prepareBody(request: VetchOptions): string | undefined;
  parseResponse(request: VetchOptions, response: Response): Promise<unknown>;
}

function guardTransport(client: Client, ctx: SendContext, timeoutMs: number): void {
  const steps = client as unknown as ClientSteps;
  const fetchGuarded = guardedFetch(ctx.allowList);
  client.sendRequest = (async (original: VetchOptions) => {
    const request = await steps.prepareRequest(original);
    let response: Response;
    try {
      response = await fetchGuarded(request.url, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: steps.prepareBody(request),
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(request.timeout || timeoutMs)]),
      });
    } catch (error) {
      // node-fetch, which the SDK uses, calls every abort an AbortError; errors.ts expects that name.
      if ((error as Error).name === 'TimeoutError') throw new DOMException('aborted', 'AbortError');
      throw error;
    }
    return steps.parseResponse(request, response);
  }) as Client['sendRequest'];
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
