import FormData from 'form-data';
import Mailgun from 'mailgun.js';
import type { Interfaces } from 'mailgun.js/definitions';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import { guardedAgents } from '../../../outbound/guarded-agents';
import { OUTBOUND_REFUSED } from '../../../outbound/ssrf';
import { DeliveryError, type SendContext } from '../../types';
import type { MailgunConfig } from './config';

/**
 * A Mailgun client for one call, pointed at the channel's base URL (`url` option) with Basic auth `api:<key>`.
 * mailgun.js takes no agent option and no abort signal (its axios is bundled), but every call goes through its
 * request provider's `makeRequest(url, method, axiosOptions, config)`, whose third argument is spread into the
 * axios request: that is where the SSRF-guarded agents go, with redirects and proxies off, so every connection
 * is checked on the socket actually connected. The SDK's own `timeout` bounds the request, and the attempt's signal ends the
 * wait. It never retries by itself.
 */
export async function mailgunClient(
  config: MailgunConfig,
  ctx: SendContext,
): Promise<Interfaces.IMailgunClient> {
  await assertEndpointAllowed(config.base_url, ctx.allowList);
  const client = new Mailgun(FormData).client({
    username: 'api',
    key: config.api_key,
    url: config.base_url,
    timeout: budgetMs(config, ctx),
    // Handed to axios as is: false keeps HTTP(S)_PROXY from the environment from carrying the request elsewhere.
    proxy: false as unknown as undefined,
  });
  guardTransport(client, ctx);
  return client;
}

interface RequestProvider {
  makeRequest(url: string, method: string, data: object | undefined, config?: unknown): Promise<unknown>;
}

function guardTransport(client: Interfaces.IMailgunClient, ctx: SendContext): void {
  const provider = (client as unknown as { request: { requestProvider: RequestProvider } }).request
    .requestProvider;
  const makeRequest = provider.makeRequest.bind(provider);
  const agents = guardedAgents(ctx.allowList);
  provider.makeRequest = async (url, method, data, config) => {
    try {
      return await makeRequest(
        url,
        method,
        { ...data, httpAgent: agents.http, httpsAgent: agents.https, maxRedirects: 0 },
        config,
      );
    } catch (error) {
      // mailgun.js keeps only the code (as the message) and the text (as details) of a network error.
      const failure = error as { message?: string; details?: string };
      if (failure.message === OUTBOUND_REFUSED) throw new DeliveryError(failure.details ?? '', 'permanent');
      throw error;
    }
  };
}

export function budgetMs(config: MailgunConfig, ctx: SendContext): number {
  return Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
}

/** Settles with `promise`, or rejects with a retryable timeout when `signal` aborts first. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  const timeout = () => new DeliveryError(`Mailgun did not answer within ${timeoutMs} ms`, 'retryable');
  if (signal.aborted) return Promise.reject(timeout());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timeout());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
