import { SNSClient } from '@aws-sdk/client-sns';
import { assertEndpointAllowed, guardedAgents } from '../../endpoint';
import type { SendContext } from '../../types';
import { type SnsConfig, snsEndpoint } from './config';

/**
 * An SNS client for one call. The endpoint is always explicit (so AWS_ENDPOINT_URL_SNS in the environment cannot
 * redirect a channel), credentials are the channel's static keys (never the default provider chain),
 * `maxAttempts: 1` leaves retrying to Switchboard, and the connections come from the SSRF-guarded agents.
 * The client is not destroy()ed afterwards: that would destroy those shared agents.
 */
export async function snsClient(config: SnsConfig, ctx: SendContext): Promise<SNSClient> {
  const endpoint = snsEndpoint(config);
  await assertEndpointAllowed(endpoint, ctx.allowList);
  const agents = guardedAgents(ctx.allowList);
  const timeoutMs = budgetMs(config, ctx);
  return new SNSClient({
    region: config.region,
    endpoint,
    credentials: { accessKeyId: config.access_key_id, secretAccessKey: config.secret_access_key },
    maxAttempts: 1,
    requestHandler: {
      httpAgent: agents.http,
      httpsAgent: agents.https,
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      // Without it a request past requestTimeout only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
}

export function budgetMs(config: SnsConfig, ctx: SendContext): number {
  return Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
}
