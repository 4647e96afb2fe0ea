import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { SendContext } from '../../types';
import type { TwilioConfig } from './config';
import { GuardedTwilioHttpClient } from './http-client';

export interface TwilioClient {
  client: twilio.Twilio;
  http: GuardedTwilioHttpClient;
}

/**
 * An SDK client for one attempt: its transport is the guarded HTTP client bound to the attempt's signal, and
 * the `api` domain (every /2010-04-01 resource) is pointed at the configured base URL.
 */
export function twilioClient(config: TwilioConfig, ctx: SendContext): TwilioClient {
  const http = new GuardedTwilioHttpClient(ctx, budgetMs(config, ctx));
  const client = twilio(config.account_sid, config.auth_token, {
    // Only `request()` is ever called on an httpClient; see GuardedTwilioHttpClient.
    httpClient: http as unknown as RequestClient,
    autoRetry: false,
    // Empty rather than absent, so TWILIO_EDGE / TWILIO_REGION in the process environment cannot reroute a channel.
    edge: '',
    region: '',
  });
  client.api.baseUrl = config.base_url;
  return { client, http };
}

export function budgetMs(config: TwilioConfig, ctx: SendContext): number {
  return Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
}

/** `https://api.twilio.com/2010-04-01/Accounts/AC…` for the attempts timeline. */
export function accountUrl(config: TwilioConfig): string {
  return `${config.base_url.replace(/\/+$/, '')}/2010-04-01/Accounts/${config.account_sid}`;
}
