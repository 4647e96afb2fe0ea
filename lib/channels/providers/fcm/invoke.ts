import type { Messaging } from 'firebase-admin/messaging';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import type { SendContext } from '../../types';
import { withinBudget } from './call';
import { pooledClient, renewClient } from './client';
import type { FcmConfig } from './config';
import { classifyFailure, isUnauthenticated, readFailure } from './errors';
import type { FcmTarget } from './message';

/**
 * Runs one call through the channel's firebase-admin app within the attempt's budget; every failure comes out as
 * a DeliveryError. A cached access token that FCM calls UNAUTHENTICATED (revoked, key rotated) is exchanged once
 * more, on a fresh app, before the refusal counts.
 */
export function invokeFcm<T>(
  config: FcmConfig,
  ctx: SendContext,
  target: FcmTarget,
  run: (messaging: Messaging) => Promise<T>,
): Promise<T> {
  const timeoutMs = Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
  return withinBudget(ctx, timeoutMs, async (call) => {
    try {
      // Fails fast with a clear refusal; the agent's guarded connections are what actually holds the line.
      if (config.proxy_url) await assertEndpointAllowed(config.proxy_url, ctx.allowList);
      const client = pooledClient(config, ctx);
      const exchanges = client.credential.exchanges;
      try {
        return await run(client.messaging);
      } catch (error) {
        if (!isUnauthenticated(readFailure(error)) || client.credential.exchanges !== exchanges) throw error;
        return await run(renewClient(client, config, ctx).messaging);
      }
    } catch (error) {
      throw classifyFailure(error, call, target, config.proxy_url);
    }
  });
}
