import pLimit, { type LimitFunction } from 'p-limit';
import { env } from '../env';

/**
 * How many sends run at once per channel in this process, across batches: enough to hide a provider's latency,
 * bounded so one slow channel cannot open thousands of connections.
 */
const limits = new Map<string, LimitFunction>();

export function channelLimit(channelId: string): LimitFunction {
  let limit = limits.get(channelId);
  if (!limit) {
    limit = pLimit(env().DELIVERY_CHANNEL_CONCURRENCY);
    limits.set(channelId, limit);
  }
  return limit;
}
