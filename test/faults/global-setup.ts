import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../lib/db/migrate';
import { requireRabbitmq } from '../support/brokers';
import { buildNextIfStale } from '../support/next-build';
import { createDatabase } from '../support/test-database';
import { faultKafkaBroker, stopFaultKafka } from './harness/kafka-broker';
import { createFaultPostgres, destroyFaultPostgres, type FaultPostgres } from './harness/postgres';
import { createVhost, deleteVhost } from './harness/rabbit-vhost';
import { resetResults, writeTable } from './harness/results';

declare module 'vitest' {
  export interface ProvidedContext {
    faultPostgres: FaultPostgres;
    faultTemplate: string;
    faultVhostUrl: string;
    faultVhost: string;
  }
}

/**
 * The fault suite's own services: a PostgreSQL server (restarted, emptied of backends and filled up by the
 * scenarios), a Kafka broker on FAULT_KAFKA_PORT (stopped by one) and a RabbitMQ vhost (its connections closed
 * by one), and the console's production build when stale. Nothing the other tests use is touched. Writes the reliability table at the end.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  resetResults();
  await requireRabbitmq();
  // The web process is `next start` of the production build; under `npm test` the fuzz step has built it.
  const [postgres] = await Promise.all([
    createFaultPostgres(),
    faultKafkaBroker('start'),
    buildNextIfStale(),
  ]);
  const template = 'sb_faults_template';
  await migrateDatabase(await createDatabase(postgres.serverUrl, template));
  const vhost = `sb-faults-${randomBytes(4).toString('hex')}`;
  const vhostUrl = await createVhost(vhost);
  project.provide('faultPostgres', postgres);
  project.provide('faultTemplate', template);
  project.provide('faultVhostUrl', vhostUrl);
  project.provide('faultVhost', vhost);
  return async () => {
    const table = writeTable((Date.now() - started) / 1000);
    process.stdout.write(`\n${table}\n(.test-data/reliability.md)\n`);
    await deleteVhost(vhost).catch(() => {});
    await stopFaultKafka().catch(() => {});
    await destroyFaultPostgres(postgres);
  };
}
