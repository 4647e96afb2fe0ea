import { Client } from '@sendgrid/client';
import type { ClientRequest } from '@sendgrid/client/src/request';
import { MailService } from '@sendgrid/mail';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import { guardedAgents } from '../../../outbound/guarded-agents';
import type { SendContext } from '../../types';
import type { SendgridConfig } from './config';

/**
 * A SendGrid client for one call. The SDK's exported `sgMail` is a process-wide singleton, so each call gets its
 * own Client (API key and base URL are per channel) on the shared SSRF-guarded keep-alive agents. axios (under
 * the SDK) never retries by itself; redirects and proxies from the environment are switched off so that every
 * connection goes where the guard checked.
 */
export async function sendgridClient(config: SendgridConfig, ctx: SendContext): Promise<Client> {
  await assertEndpointAllowed(config.base_url, ctx.allowList);
  const agents = guardedAgents(ctx.allowList);
  const client = new Client();
  client.setApiKey(config.api_key);
  // After setApiKey, which resets the base URL to the SDK's default region.
  client.setDefaultRequest('baseUrl', config.base_url);
  // axios options the SDK passes through unchanged (its typings list only a few of them).
  const axiosOptions = {
    timeout: budgetMs(config, ctx),
    signal: ctx.signal,
    httpAgent: agents.http,
    httpsAgent: agents.https,
    proxy: false,
    maxRedirects: 0,
  };
  client.setDefaultRequest(axiosOptions as unknown as ClientRequest);
  return client;
}

export async function sendgridMail(config: SendgridConfig, ctx: SendContext): Promise<MailService> {
  const mail = new MailService();
  mail.setClient(await sendgridClient(config, ctx));
  return mail;
}

export function budgetMs(config: SendgridConfig, ctx: SendContext): number {
  return Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
}
