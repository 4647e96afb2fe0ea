import { privateKafka } from '../../support/private-kafka';

/** The fault suite's own Kafka broker (test/support/private-kafka.ts), so stopping it disturbs no other test. */
export const FAULT_KAFKA_PORT = Number(process.env.FAULT_KAFKA_PORT ?? 9192);
const own = privateKafka(FAULT_KAFKA_PORT);
export const FAULT_KAFKA_BROKER = own.broker;

export const stopFaultKafka = (graceMs?: number) => own.stop(graceMs);
export const faultKafkaBroker = (action: 'start' | 'stop') => (action === 'start' ? own.start() : own.stop());
export const faultKafka = (clientId: string) => own.client(clientId);
