/**
 * Baseline: a kafkajs consumer group that does nothing per message, with the consumer settings of the
 * engine's Kafka runtime (eachBatch, 3 partitions at a time, 1 s fetch wait). Run as a child process
 * (argv: brokers topic group); reports `ready` on joining the group and its count after every batch.
 */
import { Kafka, logLevel } from 'kafkajs';
import { quietKafkajsTimerWarning } from './warnings';

quietKafkajsTimerWarning();

export type ConsumerReport = { type: 'ready' } | { type: 'count'; count: number; at: number };

const [brokers = '', topic = '', group = ''] = process.argv.slice(2);
const send = (report: ConsumerReport) => process.send?.(report);

const kafka = new Kafka({
  brokers: brokers.split(','),
  clientId: 'switchboard-bench-consume',
  logLevel: logLevel.ERROR,
});
const consumer = kafka.consumer({
  groupId: group,
  sessionTimeout: 30_000,
  heartbeatInterval: 3_000,
  maxWaitTimeInMs: 1_000,
});
let count = 0;
consumer.on(consumer.events.GROUP_JOIN, () => send({ type: 'ready' }));
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
await consumer.run({
  eachBatchAutoResolve: false,
  partitionsConsumedConcurrently: 3,
  eachBatch: async ({ batch, resolveOffset }) => {
    const last = batch.messages.at(-1);
    if (!last) return;
    resolveOffset(last.offset);
    count += batch.messages.length;
    send({ type: 'count', count, at: Date.now() });
  },
});
const stop = () => void consumer.disconnect().finally(() => process.exit(0));
process.on('disconnect', stop);
process.on('SIGTERM', stop);
