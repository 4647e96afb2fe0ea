import { ingestTriggerBatch } from '../../events/ingest-trigger';
import { defaultConsumerGroup, type KafkaTriggerConfig } from '../types/event';
import { decodeMessage } from './decode';
import { isRecordRefused, type KafkaConsumerHandle, startKafkaConsumer } from './kafkajs-client';
import { notStoredReport, untilItSucceeds } from './retry';
import type { RuntimeContext, StartRuntime } from './types';

/** Rows per transaction: big enough for throughput, small enough to keep transactions short. */
const CHUNK = 500;

/**
 * An `event` trigger on a Kafka topic. Each batch is written as event rows (+ runs) and only then are its
 * offsets resolved and committed, so a crash redelivers instead of losing; redelivered offsets are duplicates
 * (source id `topic/partition/offset`) and create nothing. While the database is down the partition waits and
 * retries with backoff, heartbeating, and skips nothing.
 */
export const startKafkaRuntime: StartRuntime = async (ctx) => {
  const stored = ctx.trigger.config as KafkaTriggerConfig;
  // Configs are saved with their defaults filled in; this covers rows written another way.
  const config: KafkaTriggerConfig = {
    ...stored,
    consumer_group: stored.consumer_group ?? defaultConsumerGroup(stored.topic),
  };
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
              await ctx.report(notStoredReport(error));
            },
          },
        );
        if (!result) return; // stopping or rebalanced: nothing resolved, the batch will be delivered again
        if (config.dead_letter_topic && result.invalidIndexes.length) {
          const topic = config.dead_letter_topic;
          const letters = result.invalidIndexes.map((index) => {
            const m = chunk[index]!;
            return { key: `${batch.topic}/${batch.partition}/${m.offset}`, value: m.value };
          });
          // Offsets move on only once the copies are made: a broker outage waits, like the database does.
          const copied = await untilItSucceeds(() => copyDeadLetters(handle, topic, letters, ctx), {
            keepGoing: () => !stopping && controls.isRunning(),
            onAttempt: () => controls.heartbeat(),
            onError: async (error, attempt) => {
              ctx.log.warn(
                { err: error, attempt, triggerId: ctx.trigger.id, topic },
                'dead letters not copied; partition waits and retries',
              );
              await ctx.report({
                state: 'paused',
                lastError: `dead-letter topic unavailable: ${error.message}`,
              });
            },
          });
          if (!copied) return;
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
    ctx.signal,
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

/**
 * Copies invalid messages, bytes unchanged, to the dead-letter topic. A record the broker refuses for good (e.g.
 * bigger than the topic takes) is left out with a warning (its invalid event keeps it) rather than holding the
 * partition forever; the others are still copied. Any other failure is thrown, for the caller to retry.
 */
async function copyDeadLetters(
  handle: KafkaConsumerHandle | undefined,
  topic: string,
  letters: { key: string; value: Buffer | null }[],
  ctx: RuntimeContext,
): Promise<true> {
  if (!handle) throw new Error('kafka consumer not started yet');
  try {
    await handle.produce(topic, letters);
    return true;
  } catch (error) {
    if (!isRecordRefused(error)) throw error;
  }
  for (const letter of letters) {
    try {
      await handle.produce(topic, [letter]);
    } catch (error) {
      if (!isRecordRefused(error)) throw error;
      ctx.log.warn(
        { err: error, triggerId: ctx.trigger.id, topic, key: letter.key, bytes: letter.value?.length ?? 0 },
        'dead letter refused by its topic; not copied (the invalid event keeps its raw bytes)',
      );
    }
  }
  return true;
}
