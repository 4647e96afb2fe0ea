import FormData from 'form-data';
import Mailgun from 'mailgun.js';
import type { Interfaces } from 'mailgun.js/definitions';
import { assertEndpointAllowed } from '../../endpoint';
import { DeliveryError, type SendContext } from '../../types';
import type { MailgunConfig } from './config';

/**
 * A Mailgun client for one call, pointed at the channel's base URL (`url` option) with Basic auth `api:<key>`.
 * mailgun.js takes neither an agent nor an abort signal (its axios is bundled), so the endpoint is checked by the
 * SSRF guard right before the call, the SDK's own `timeout` bounds the request, and the attempt's signal ends the
 * wait. It never retries by itself.
 */
export async function mailgunClient(
  config: MailgunConfig,
  ctx: SendContext,
): Promise<Interfaces.IMailgunClient> {
  await assertEndpointAllowed(config.base_url, ctx.allowList);
  return new Mailgun(FormData).client({
    username: 'api',
    key: config.api_key,
    url: config.base_url,
    timeout: budgetMs(config, ctx),
  });
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
