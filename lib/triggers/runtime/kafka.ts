import { ingestTriggerBatch } from '../../events/ingest-trigger';
import type { KafkaTriggerConfig } from '../types/event';
import { decodeMessage } from './decode';
import { type KafkaConsumerHandle, startKafkaConsumer } from './kafkajs-client';
import { untilItSucceeds } from './retry';
import type { StartRuntime } from './types';

/** Rows per transaction: big enough for throughput, small enough to keep transactions short. */
const CHUNK = 500;

/**
 * An `event` trigger on a Kafka topic. Each batch is written as event rows (+ runs) and only then are its
 * offsets resolved and committed, so a crash redelivers instead of losing; redelivered offsets are duplicates
 * (source id `topic/partition/offset`) and create nothing. While the database is down the partition waits and
 * retries with backoff, heartbeating, and skips nothing.
 */
export const startKafkaRuntime: StartRuntime = async (ctx) => {
  const config = ctx.trigger.config as KafkaTriggerConfig;
  const lagByPartition = new Map<number, number>();
  let stopping = false;
  let handle: KafkaConsumerHandle | undefined;
  await ctx.report({ state: 'connecting', lastError: null });

  handle = await startKafkaConsumer(
    config,
    `switchboard-${ctx.workerId}`,
    ctx.log,
    async (batch, controls) => {
      for (let i = 0; i < batch.messages.length; i += CHUNK) {
        const chunk = batch.messages.slice(i, i + CHUNK);
        const items = chunk.map((m) =>
          decodeMessage(`${batch.topic}/${batch.partition}/${m.offset}`, m.value),
        );
        const result = await untilItSucceeds(
          () => ingestTriggerBatch(ctx.trigger, 'kafka', items, ctx.deps),
          {
            keepGoing: () => !stopping && controls.isRunning(),
            onAttempt: () => controls.heartbeat(),
            onError: async (error, attempt) => {
              ctx.log.warn(
                { err: error, attempt, triggerId: ctx.trigger.id },
                'kafka batch not stored; partition waits and retries',
              );
              await ctx.report({
                state: 'paused',
                lastError: `database unavailable, retrying: ${error.message}`,
              });
            },
          },
        );
        if (!result) return; // stopping or rebalanced: nothing resolved, the batch will be delivered again
        if (config.dead_letter_topic && result.invalidIndexes.length) {
          await handle?.produce(
            config.dead_letter_topic,
            result.invalidIndexes.map((index) => {
              const m = chunk[index]!;
              return { key: `${batch.topic}/${batch.partition}/${m.offset}`, value: m.value };
            }),
          );
        }
        controls.resolve(chunk.at(-1)!.offset);
      }
      lagByPartition.set(batch.partition, batch.lag);
      const lag = [...lagByPartition.values()].reduce((a, b) => a + b, 0);
      await ctx.report({ state: 'running', lag, lastMessageAt: new Date(), lastError: null });
    },
    (event) => {
      if (event.type === 'connected') void ctx.report({ state: 'running', lastError: null });
      if (event.type === 'crashed')
        void ctx.report({
          state: 'error',
          lastError: event.error?.message ?? 'consumer crashed; restarting',
        });
    },
  ).catch(async (error: Error) => {
    await ctx.report({ state: 'error', lastError: error.message });
    throw error;
  });

  return {
    async stop() {
      stopping = true;
      await handle?.stop();
      await ctx.report({ state: 'stopped' });
    },
  };
};
