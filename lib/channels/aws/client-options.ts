import { assertEndpointAllowed } from '../../outbound/endpoint';
import { guardedAgents } from '../../outbound/guarded-agents';
import type { SendContext } from '../types';

/** The connection settings every AWS channel config has. */
export interface AwsChannelConfig {
  region: string;
  access_key_id: string;
  secret_access_key: string;
  timeout_seconds: number;
}

/**
 * Options for an AWS SDK v3 client for one call. The endpoint is always explicit (so AWS_ENDPOINT_URL_* in the
 * environment cannot redirect a channel), credentials are the channel's static keys (never the default provider
 * chain), `maxAttempts: 1` leaves retrying to Switchboard, and the connections come from the SSRF-guarded
 * agents. The client is not destroy()ed afterwards: that would destroy those shared agents.
 */
export async function awsClientOptions(config: AwsChannelConfig, endpoint: string, ctx: SendContext) {
  await assertEndpointAllowed(endpoint, ctx.allowList);
  const agents = guardedAgents(ctx.allowList);
  const timeoutMs = budgetMs(config, ctx);
  return {
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
  };
}

/** The time one call may take: the channel's timeout, within what is left of the attempt. */
export function budgetMs(config: AwsChannelConfig, ctx: SendContext): number {
  return Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
}
