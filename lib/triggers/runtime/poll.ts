import { setTimeout as sleep } from 'node:timers/promises';
import { ingestTriggerBatch } from '../../events/ingest-trigger';
import type { PollTriggerConfig } from '../types/poll';
import { AdvisoryLock } from './advisory-lock';
import { fetchItems, pollItems } from './poll-fetch';
import { throttledReport } from './throttled-report';
import type { RuntimeContext, StartRuntime } from './types';

/** Rows per transaction, as for Kafka batches: a long list is stored in a few short transactions. */
const CHUNK = 500;

/** After `failures` failed polls in a row: the interval, doubled per failure, at most 10 times the interval. */
export function pollDelayMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** failures, intervalMs * 10);
}

/**
 * A `poll` trigger in one worker. Every worker runs one, but only the holder of the trigger's advisory lock
 * polls; the others stand by (state `paused`) and try for the lock once per interval, so when the leader stops
 * or its connection dies another takes over. Each poll stores every item through ingestTriggerBatch; items
 * seen before are duplicates (source id `<trigger id>:<item id>`). Errors (network, HTTP status, bad JSON, no
 * list at items_path, database) back off from the interval up to 10× and show as state `error`.
 */
export const startPollRuntime: StartRuntime = async (ctx) => {
  const config = ctx.trigger.config as PollTriggerConfig;
  const intervalMs = config.interval_seconds * 1000;
  const lock = new AdvisoryLock(ctx.deps.db.$client.options, `switchboard:poll:${ctx.trigger.id}`);
  const report = throttledReport(ctx);
  const stopping = new AbortController();

  const loop = async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      let delay = intervalMs;
      try {
        if (await lock.hold()) {
          const stored = await pollOnce(ctx, config, stopping.signal);
          failures = 0;
          await report({
            state: 'running',
            lastError: null,
            ...(stored ? { lastMessageAt: new Date() } : {}),
          });
        } else await report({ state: 'paused', lastError: null });
      } catch (error) {
        if (stopping.signal.aborted) break;
        failures += 1;
        delay = pollDelayMs(intervalMs, failures);
        ctx.log.warn({ err: error, triggerId: ctx.trigger.id, failures, retryInMs: delay }, 'poll failed');
        await report({ state: 'error', lastError: (error as Error).message });
      }
      await sleep(delay, undefined, { signal: stopping.signal }).catch(() => {});
    }
  };

  const done = loop()
    .catch((error) => ctx.log.error({ err: error, triggerId: ctx.trigger.id }, 'poll loop ended'))
    .finally(() => lock.release());
  return {
    async stop() {
      stopping.abort();
      await done;
      await ctx.report({ state: 'stopped' });
    },
  };
};

/** One poll; returns how many new events were stored. Storing is not cut short by stop: it commits first. */
async function pollOnce(
  ctx: RuntimeContext,
  config: PollTriggerConfig,
  signal: AbortSignal,
): Promise<number> {
  const items = pollItems(ctx.trigger.id, config, await fetchItems(config, signal), new Date());
  let inserted = 0;
  for (let i = 0; i < items.length; i += CHUNK)
    inserted += (await ingestTriggerBatch(ctx.trigger, 'poll', items.slice(i, i + CHUNK), ctx.deps)).inserted;
  return inserted;
}
